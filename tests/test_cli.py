"""The `osi-bot` command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import itertools
import json
import os
import re
import select
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.fakes.knowledge_files import billion_laughs, team_tool

if TYPE_CHECKING:
    from collections.abc import Iterator


def _osi(
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        env=env,
        cwd=cwd,
    )


def test_ask_metallb_says_layer_4_transport() -> None:
    result = _osi("ask", "what", "layer", "is", "metallb")
    assert result.returncode == 0
    first_line = result.stdout.splitlines()[0]
    assert first_line == "MetalLB works at Layer 4 (Transport)."


def test_ask_envoy_lists_three_layers_with_roles() -> None:
    result = _osi("ask", "envoy")
    assert "Layers 7 (Application), 6 (Presentation) and 5 (Session)" in result.stdout
    assert "L6 Presentation: Terminates TLS, does mTLS between pods" in result.stdout


def test_ask_lunch_claims_nothing() -> None:
    result = json.loads(_osi("ask", "--json", "what layer is lunch").stdout)
    assert result["kind"] == "unknown"
    assert result["layers"] == []
    assert result["matched"] is None


def test_json_has_the_documented_fields() -> None:
    result = json.loads(_osi("ask", "--json", "is", "calico", "layer", "2?").stdout)
    assert result["question"] == "is calico layer 2?"
    assert (result["kind"], result["matched"], result["layers"]) == ("tool", "Calico", [3])
    assert result["suggestions"] == []
    assert result["text"].startswith("No — Calico works at Layer 3 (Network), not Layer 2")


def test_json_carries_the_entry_text_and_layers_as_integers_everywhere() -> None:
    """summary, note, source and the names in `also`, as the text shows them; `roles` pairs
    each integer layer of `layers` with its role."""
    result = json.loads(_osi("ask", "--json", "we use envoy. what layer is metallb?").stdout)
    assert result["matched"] == "MetalLB"
    assert result["summary"].startswith("A load-balancer implementation")
    assert result["note"].startswith("MetalLB announces those IPs")
    assert result["source"] == "https://metallb.io/"
    assert result["also"] == ["Envoy"]
    envoy = json.loads(_osi("ask", "--json", "envoy").stdout)
    assert [role["layer"] for role in envoy["roles"]] == envoy["layers"] == [7, 6, 5]
    assert envoy["roles"][1]["role"].startswith("Terminates TLS")
    layer = json.loads(_osi("ask", "--json", "L4").stdout)
    assert (layer["roles"], layer["summary"], layer["also"]) == ([], None, [])


def test_ask_dash_answers_each_stdin_line_in_order() -> None:
    questions = ["cilum", "what layer is lunch", "", "L7", "callisto"]
    result = _osi("ask", "-", "--json", stdin="\n".join(questions) + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    assert [a["layers"] for a in answers] == [[3], [], [], [7], []]
    assert answers[4]["suggestions"] == ["Calico"]


def test_ask_dash_in_text_mode_writes_one_line_per_answer() -> None:
    result = _osi("ask", "-", stdin="envoy\nmetallb\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Envoy works at")
    assert lines[1].startswith("MetalLB works at")
    assert "│" not in result.stdout  # no picture folded onto an answer's line


def test_ask_draws_the_stack_under_the_headline_plain_when_piped() -> None:
    lines = _osi("ask", "cilium").stdout.splitlines()
    assert lines[0] == "Cilium works at Layer 3 (Network)."
    assert lines[1:11] == [
        "┌────────────────────┐",
        "│ L7 Application   ○ │",
        "│ L6 Presentation    │",
        "│ L5 Session         │",
        "│ L4 Transport     ○ │",
        "│ L3 Network       ● │",
        "│ L2 Data Link       │",
        "│ L1 Physical        │",
        "└────────────────────┘",
        "● Cilium · ○ beyond the table",
    ]
    assert "\x1b[" not in "".join(lines)


def test_json_keeps_its_shape_and_leaves_the_picture_out() -> None:
    """`layers` says what the picture shows; `text` stays the answer's words."""
    result = json.loads(_osi("ask", "--json", "cilium").stdout)
    assert result["layers"] == [3]
    assert result["text"].splitlines()[1].startswith("  L3 Network: ")
    assert "┌" not in result["text"]
    assert "┌" not in json.loads(_osi("daily", "show", "--json").stdout)["text"]


def test_daily_show_draws_the_layer_of_the_day() -> None:
    lines = _osi("daily", "show", "--date", "2026-11-26").stdout.splitlines()  # Layer 4
    assert lines[0] == "Layer of the day: Layer 4 (Transport)"
    assert lines[1] == "┌────────────────────┐"
    assert lines[5] == "│ L4 Transport     ● │"
    assert lines[10].startswith("In Kubernetes: ")


def test_bad_knowledge_file_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("layers: [\n", "utf-8")
    result = _osi("ask", "--knowledge", str(broken), "envoy")
    assert result.returncode == 1
    assert result.stderr.startswith(f"osi-bot: {broken}: 1 problem in the knowledge file:")
    assert "  - 2:1: YAML syntax error: " in result.stderr
    assert "Traceback" not in result.stderr


def test_knowledge_from_environment(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    env = {**os.environ, "OSI_KNOWLEDGE": str(tmp_path / "missing.yaml")}
    result = _osi("ask", "envoy", env=env)
    assert result.returncode == 1
    assert "missing.yaml: 1 problem in the knowledge file:\n  - file not found" in result.stderr


def test_check_summarises_a_good_file() -> None:
    result = _osi("check")
    assert result.returncode == 0
    assert "is valid: 7 layers," in result.stdout
    assert " tools, " in result.stdout
    assert " aliases" in result.stdout


def test_check_fails_on_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nlayers: []\nentries: []\n", "utf-8")
    result = _osi("check", str(bad))
    assert result.returncode == 1
    assert "layer(s) 1, 2, 3, 4, 5, 6, 7 missing" in result.stderr


def _one_problem(result: subprocess.CompletedProcess[str], path: Path | str) -> str:
    """The problem of a file refused with exactly one: a header and that one line."""
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    header, problem = result.stderr.splitlines()
    assert header == f"osi-bot: {path}: 1 problem in the knowledge file:"
    return problem


def test_check_ends_at_once_on_a_billion_laughs(tmp_path: Path) -> None:
    """~500 bytes of nested aliases under `version:` kept `check` quoting them forever.

    The timeout is the bound: a few seconds where the file takes no time at all.
    """
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text(billion_laughs(), "utf-8")
    assert laughs.stat().st_size < 556
    problem = _one_problem(_osi("check", str(laughs), timeout=20), laughs)
    assert problem.startswith("  - 10:7: YAML error: this value is repeated by an alias")


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_knowledge_path_that_is_no_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    """/dev/zero never ends and a FIFO without a writer never starts; neither is read."""
    if kind == "device":
        path = Path(os.devnull).with_name("zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        path = tmp_path / "layers.yaml"
        os.mkfifo(path)
    env = {**os.environ, "OSI_KNOWLEDGE": str(path)}
    problem = _one_problem(_osi("ask", "envoy", env=env, timeout=20), path)
    assert problem.startswith("  - is not a regular file")


def test_a_wrongly_typed_kind_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (Path(__file__).parent.parent / "knowledge" / "layers.yaml").read_text("utf-8")
    bad.write_text(text.replace("kind: tool", "kind: [tool]", 1), "utf-8")
    problem = _one_problem(_osi("check", str(bad)), bad)
    assert problem.endswith(" (NGINX Ingress).kind: must be 'tool' or 'concept', not a list")


def test_layers_prints_the_whole_table() -> None:
    result = _osi("layers")
    assert result.returncode == 0
    for number, name in enumerate(
        ["Physical", "Data Link", "Network", "Transport", "Session", "Presentation", "Application"],
        start=1,
    ):
        assert f"Layer {number} — {name}" in result.stdout
    assert "- Envoy:" in result.stdout


def test_chat_answers_until_end_of_input() -> None:
    result = _osi("chat", stdin="what layer is metallb\nquit\nenvoy\n")
    assert result.returncode == 0
    assert "MetalLB works at Layer 4 (Transport)." in result.stdout
    assert "Envoy works at" not in result.stdout  # 'quit' ended the conversation


def test_cli_path_never_imports_platform_libraries() -> None:
    """Nor readline (chat only), importlib.metadata (--version only) or the positions of
    problems in a knowledge file (a broken file only)."""
    code = (
        "import sys; from bot.cli import main; main(['ask', 'envoy']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in"
        " {'slack_bolt', 'slack_sdk', 'discord', 'readline'}"
        " or m in {'importlib.metadata', 'bot.loading.positions'}];"
        "print('IMPORTED', bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "IMPORTED []" in result.stdout


@pytest.mark.parametrize("args", [["ask"], ["nonsense"], []])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = _osi(*args)
    assert result.returncode == 2
    assert "usage: osi-bot" in result.stderr


def test_daily_show_and_post_respect_weekdays_only() -> None:
    """A Saturday with weekday-only posting: no lesson is shown or posted, and nothing
    is sent (there is no token, so any attempt to post would fail naming it)."""
    import os  # noqa: PLC0415

    env = {**os.environ, "OSI_DAILY_WEEKDAYS_ONLY": "true"}
    env.pop("SLACK_BOT_TOKEN", None)
    shown = _osi("daily", "show", "--date", "2026-11-28", env=env)
    assert shown.stdout.strip() == (
        "2026-11-28 is not a posting day (OSI_DAILY_WEEKDAYS_ONLY); no post is made."
    )
    posted = _osi("daily", "post", "--platform", "slack", "--date", "2026-11-28", env=env)
    assert posted.returncode == 0
    assert "nothing posted" in posted.stdout
    monday = json.loads(_osi("daily", "show", "--json", "--date", "2026-11-30", env=env).stdout)
    assert monday["posting_day"] is True


@pytest.mark.parametrize(
    "args", [["check", "--knowledge", "{bad}"], ["daily", "--knowledge", "{bad}", "show"]]
)
def test_every_command_takes_knowledge(tmp_path: Path, args: list[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers: [\n", "utf-8")
    result = _osi(*[a.format(bad=bad) for a in args])
    assert result.returncode == 1
    assert f"osi-bot: {bad}: 1 problem" in result.stderr


def test_version_is_the_installed_package_version() -> None:
    result = _osi("--version")
    assert result.returncode == 0
    assert result.stdout == f"osi-bot {version('osi-bot')}\n"


def test_daily_without_a_subcommand_names_the_choices() -> None:
    result = _osi("daily")
    assert result.returncode == 2
    assert "required: {show,post}" in result.stderr
    assert "daily_command" not in result.stderr


def test_daily_help_says_where_today_comes_from_and_what_platform_means() -> None:
    show = " ".join(_osi("daily", "show", "--help").stdout.split())
    assert "today in $OSI_TIMEZONE" in show
    assert "local" not in show
    post = " ".join(_osi("daily", "post", "--help").stdout.split())
    assert "where to post: slack (SLACK_BOT_TOKEN, SLACK_DAILY_CHANNEL)" in post


def _settings_in_env_example() -> set[str]:
    text = (Path(__file__).parent.parent / ".env.example").read_text("utf-8")
    return set(re.findall(r"^#? ?((?:OSI|SLACK|DISCORD)_[A-Z_]+|PORT)=", text, re.MULTILINE))


@pytest.mark.parametrize(("command", "other"), [("slack", "DISCORD_"), ("discord", "SLACK_")])
def test_bot_help_lists_every_setting_it_reads(command: str, other: str) -> None:
    """Every setting in .env.example that applies to the bot, and how to provide them."""
    result = _osi(command, "--help")
    settings = {name for name in _settings_in_env_example() if not name.startswith(other)}
    if command == "discord":
        settings.discard("PORT")  # Slack's HTTP port; Discord serves health on OSI_HEALTH_PORT
        # Slack's HTTP server and its shutdown bound; Discord's grace is fixed (10 s).
        settings -= {"OSI_HTTP_IDLE_SECONDS", "OSI_HTTP_BODY_SECONDS", "OSI_SHUTDOWN_SECONDS"}
    assert len(settings) > 10
    assert {name for name in settings if name not in result.stdout} == set()
    assert other not in result.stdout
    assert ".env.example" in result.stdout


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "'2026-02-30': there is no day 30 in February 2026, which has 28 days"),
        ("2028-02-30", "there is no day 30 in February 2028, which has 29 days"),
        ("2026-13-01", "'2026-13-01': there is no month 13"),
        ("26-11-1", "'26-11-1' is not a date like 2026-11-26"),
    ],
)
def test_an_impossible_date_says_which_part_is_wrong(value: str, message: str) -> None:
    result = _osi("daily", "show", "--date", value)
    assert result.returncode == 2
    assert message in result.stderr


class _Terminal:
    """`osi-bot chat` on a pseudo-terminal of its own, typed at as a person types."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        import pty  # noqa: PLC0415 - POSIX only; the tests using it skip elsewhere

        argv = [sys.executable, "-m", "bot", *(args or ("chat",))]
        env = {**os.environ, "TERM": "xterm", **(env or {})}
        # pty.fork makes the terminal the child's controlling one, so Ctrl-C is SIGINT.
        self.pid, self._master = pty.fork()
        if self.pid == 0:  # the child: become osi-bot
            os.execve(sys.executable, argv, env)  # noqa: S606
        self.output = ""
        self.status: int | None = None

    def read_until(self, text: str, count: int = 1, timeout: float = 30) -> bool:
        """Read until `text` has appeared `count` times; False if the terminal closed first."""
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            left = deadline - time.monotonic()
            assert left > 0, f"waited for {text!r} x{count}; got {self.output!r}"
            if select.select([self._master], [], [], left)[0]:
                try:
                    chunk = os.read(self._master, 4096)
                except OSError:  # EIO: the process ended and closed the terminal
                    chunk = b""
                if not chunk:
                    return False
                self.output += chunk.decode("utf-8", "replace")
        return True

    def type(self, keys: str) -> None:
        os.write(self._master, keys.encode())

    def finish(self) -> int:
        """Read everything until the process ends; its exit status."""
        assert not self.read_until("\0")
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self._master)


@pytest.fixture
def terminal() -> Iterator[_Terminal]:
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX")
    chat = _Terminal()
    yield chat
    chat.close()


def test_chat_keys_edit_the_line_and_recall_history(terminal: _Terminal) -> None:
    """Left moves the cursor (7, Left, L reads "L7"); Up brings back the previous question."""
    terminal.read_until("you> ")
    terminal.type("7\x1b[DL\r")
    terminal.read_until("you> ", 2)
    assert "Layer 7 (Application)" in terminal.output
    terminal.type("metallb\r")
    terminal.read_until("you> ", 3)
    terminal.type("\x1b[A\r")
    terminal.read_until("you> ", 4)
    assert terminal.output.count("MetalLB works at Layer 4 (Transport).") == 2
    terminal.type("quit\r")
    assert terminal.finish() == 0


def test_chat_ctrl_c_leaves_the_shell_prompt_on_its_own_line(terminal: _Terminal) -> None:
    terminal.read_until("you> ")
    terminal.type("envoy")
    terminal.read_until("envoy")
    # CPython's readline loop misses a SIGINT that lands between showing the line and
    # waiting for the next key (it waits on, unaware); a person's Ctrl-C never comes that fast.
    time.sleep(0.3)
    terminal.type("\x03")
    assert terminal.finish() == 130
    assert terminal.output.endswith("\n")
    assert "Traceback" not in terminal.output


@pytest.mark.parametrize(
    ("no_color", "coloured"), [("", True), ("1", False)], ids=["colour", "NO_COLOR"]
)
def test_on_a_terminal_the_stack_is_coloured_unless_no_color(no_color: str, coloured: bool) -> None:
    """The table's layer in bold green, a layer beyond it in yellow; NO_COLOR turns both off."""
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX")
    ask = _Terminal("ask", "cilium", env={"NO_COLOR": no_color})
    try:
        assert ask.finish() == 0
    finally:
        ask.close()
    lines = ask.output.splitlines()
    assert ("\x1b[1;32m●\x1b[0m" in lines[6]) is coloured  # L3, in the table
    assert ("\x1b[33m○\x1b[0m" in lines[2]) is coloured  # L7, beyond it
    assert ("\x1b[" in ask.output) is coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", lines[6]) == "│ L3 Network       ● │"


def _team_overlay(directory: Path) -> Path:
    overlay = directory / "team-tools.yaml"
    overlay.write_text(team_tool("Frobnitz"), "utf-8")
    return overlay


def test_check_merges_the_team_overlays_and_counts_both(tmp_path: Path) -> None:
    _team_overlay(tmp_path)
    (tmp_path / "ours.yaml").write_text(team_tool("MetalLB", layer=3, replaces="MetalLB"), "utf-8")
    env = {**os.environ, "OSI_KNOWLEDGE_EXTRA": str(tmp_path)}
    result = _osi("check", env=env)
    assert result.returncode == 0, result.stderr
    summary, merged, *files = result.stdout.splitlines()
    assert "is valid: 7 layers," in summary
    assert re.fullmatch(
        r"Merged with 2 team overlays: \d+ bundled entries and 2 team entries "
        r"\(1 new, 1 replacing a bundled one\)\.",
        merged,
    )
    assert files == [
        f"  {tmp_path / 'ours.yaml'}: 1 entry: MetalLB (replaces MetalLB)",
        f"  {tmp_path / 'team-tools.yaml'}: 1 entry: Frobnitz",
    ]


def test_check_with_knowledge_extra_checks_one_overlay(tmp_path: Path) -> None:
    """`--knowledge-extra` mirrors the setting, and wins over it."""
    overlay = _team_overlay(tmp_path)
    env = {**os.environ, "OSI_KNOWLEDGE_EXTRA": str(tmp_path / "missing")}
    result = _osi("check", "--knowledge-extra", str(overlay), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"  {overlay}: 1 entry: Frobnitz"


def test_a_clashing_overlay_is_refused_in_two_lines_naming_both_places(tmp_path: Path) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(team_tool("Calico", layer=3), "utf-8")
    problem = _one_problem(_osi("check", "--knowledge-extra", str(overlay)), overlay)
    assert re.fullmatch(
        r"  - 3:5: entries\[0\] \(Calico\): 'Calico' is already the name of entries\[\d+\] "
        r"\(Calico\) at .*layers\.yaml:\d+:5; to replace that entry, add `replaces: Calico`",
        problem,
    )


def test_json_answers_say_where_they_come_from(tmp_path: Path) -> None:
    overlay = _team_overlay(tmp_path)
    result = _osi(
        "ask", "--knowledge-extra", str(overlay), "--json", "-", stdin="frobnitz\nenvoy\n"
    )
    frobnitz, envoy = map(json.loads, result.stdout.splitlines())
    assert (frobnitz["origin"], frobnitz["origin_file"]) == ("team", "team-tools.yaml")
    assert frobnitz["text"].endswith("From your team's knowledge (team-tools.yaml).")
    assert (envoy["origin"], envoy["origin_file"]) == ("bundled", "layers.yaml")


def test_check_given_an_overlay_as_the_main_file_says_where_it_goes(tmp_path: Path) -> None:
    overlay = _team_overlay(tmp_path)
    result = _osi("check", str(overlay))
    assert result.returncode == 1
    assert (
        "  - 1:1: layers: must be a list of the seven layers, not nothing "
        "(a team overlay goes in --knowledge-extra)"
    ) in result.stderr.splitlines()


def _quiz_entry(stdout: str) -> str:
    first = stdout.splitlines()[0]
    assert first.startswith("Which layer is "), first
    assert first.endswith("?"), first
    return first.removeprefix("Which layer is ").removesuffix("?")


def test_quiz_asks_reads_the_answer_and_says_right_or_wrong_and_why() -> None:
    """The same seed asks the same question; a right and a wrong layer get their verdicts,
    each with the role at the entry's layer and a line of why."""
    from bot.loading.load import load_knowledge  # noqa: PLC0415

    asked = _osi("quiz", "--seed", "5", stdin="")
    entry = load_knowledge().find(_quiz_entry(asked.stdout))
    assert entry is not None
    right = entry.layers[0]
    wrong = next(n for n in range(1, 8) if n not in entry.layers)
    for guess, verdict in ((f"L{right}", "Right — "), (str(wrong), "Not quite — ")):
        result = _osi("quiz", "--seed", "5", stdin=f"{guess}\n")
        assert result.returncode == 0
        assert _quiz_entry(result.stdout) == entry.name
        assert f"\n{verdict}{entry.name} " in result.stdout
        assert entry.roles[0].role in result.stdout
        assert f"Why: {entry.summary}" in result.stdout


def test_quiz_explains_an_answer_it_cannot_read_and_asks_again() -> None:
    result = _osi("quiz", "--seed", "5", stdin="banana\ntransport\n")
    assert result.returncode == 0
    assert result.stdout.count("Answer with a layer: a number from 1 to 7") == 1
    assert ("\nRight — " in result.stdout) or ("\nNot quite — " in result.stdout)
    assert "Traceback" not in result.stderr


def test_quiz_never_asks_the_same_question_twice_in_a_row() -> None:
    result = _osi("quiz", "-n", "40", "--seed", "1", stdin="4\n" * 40)
    asked = [line for line in result.stdout.splitlines() if line.startswith("Which layer is ")]
    assert len(asked) == 40
    assert all(a != b for a, b in itertools.pairwise(asked))


@pytest.mark.parametrize("count", ["0", "-1", "x", "1001"])
def test_quiz_refuses_a_count_that_is_no_number_of_questions(count: str) -> None:
    result = _osi("quiz", "-n", count)
    assert result.returncode == 2
    assert "is not a number from 1 to 1000" in result.stderr or "expected one argument" in (
        result.stderr
    )


# -- curation ------------------------------------------------------------------------------


def _curation_env(state: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OSI_", "SLACK_"))}
    return {**clean, "OSI_STATE_DIR": str(state)}


async def _keep_a_known_log(state: Path) -> None:
    from bot.ops.curation import CurationRecord, RecordKind, SqliteCurationLog  # noqa: PLC0415

    log = SqliteCurationLog(str(state))
    for kind, subject, question, comment in [
        (RecordKind.UNKNOWN, "frobnicator", "what layer is frobnicator", None),
        (RecordKind.UNKNOWN, "frobnicator", "is frobnicator l4", None),
        (RecordKind.UNKNOWN, "zorp", "zorp?", None),
        (RecordKind.DOWN, "Envoy", "which layer is envoy", None),
        (RecordKind.COMMENT, "Envoy", "which layer is envoy", "Envoy is L7 only"),
    ]:
        answer = None if kind is RecordKind.UNKNOWN else "Envoy: L7, L6, L5"
        await log.add(CurationRecord(kind, "slack", subject, question, answer, comment))


async def test_curation_reports_what_the_bots_kept(tmp_path: Path) -> None:
    await _keep_a_known_log(tmp_path)
    result = _osi("curation", env=_curation_env(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Curation report: 5 record(s) in {tmp_path / 'curation.sqlite3'}."
    assert "     2  frobnicator  e.g. “is frobnicator l4”, “what layer is frobnicator”" in lines
    assert "     1  Envoy  (answered Envoy: L7, L6, L5, 1 comment(s))" in lines
    data = json.loads(
        _osi("curation", "--json", "--limit", "1", env=_curation_env(tmp_path)).stdout
    )
    assert [t["term"] for t in data["unknown_terms"]] == ["frobnicator"]
    assert data["disputed_entries"][0]["comments"] == ["Envoy is L7 only"]


def test_curation_with_nothing_kept_says_how_to_keep_it_and_creates_nothing(
    tmp_path: Path,
) -> None:
    result = _osi("curation", env=_curation_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "OSI_CURATION_LOG=true" in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("limit", ["0", "-1", "ten"])
def test_curation_refuses_a_limit_that_is_not_a_positive_number(limit: str) -> None:
    result = _osi("curation", "--limit", limit)
    assert result.returncode == 2
    assert "is not a whole number above 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_curation_on_an_unreachable_redis_is_one_line(tmp_path: Path) -> None:
    env = {**_curation_env(tmp_path), "OSI_REDIS_URL": "redis://127.0.0.1:1/0"}
    result = _osi("curation", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("osi-bot: ")
    assert "Cannot read the curation log from Redis at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["ask", "what layer is metallb?"], "ask"),
        (["--knowledge", "k.yaml", "ask", "--json", "envoy"], "ask"),
        (["--knowledge-extra=", "layers"], "layers"),
        (["quiz", "-n", "3", "--seed", "7"], "quiz"),
        (["check", "k.yaml"], "check"),
        (["daily", "show", "--date", "2026-11-27"], "daily"),
        (["curation", "--limit", "5"], "curation"),
        (["discord", "--sync"], "discord"),
    ],
)
def test_a_start_up_builds_only_its_subcommand_and_parses_as_the_whole_parser(
    argv: list[str], command: str
) -> None:
    """Each subparser costs argparse translation look-ups: a start-up builds the one it
    names, which reads the line as the whole parser does."""
    from bot.arguments import parser as build  # noqa: PLC0415

    parser = build(argv)
    assert vars(parser.parse_args(argv)) == vars(build([]).parse_args(argv))
    subcommands = next(a for a in parser._actions if a.dest == "command")
    assert list(subcommands.choices or ()) == [command]


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["ask", "x"], "ask"),
        (["--knowledge", "k.yaml", "ask", "x"], "ask"),
        (["--knowledge=k.yaml", "chat"], "chat"),
        # Anything the whole parser must answer: help, "--", abbreviations, typos.
        (["-h", "ask"], None),
        (["--help", "ask"], None),
        (["--", "ask", "x"], None),
        (["--knowledge-e", "layers", "ask", "x"], None),
        (["--version", "ask"], None),
        (["askk", "x"], None),
        ([], None),
    ],
)
def test_a_start_up_builds_one_subcommand_only_when_nothing_else_comes_first(
    argv: list[str], command: str | None
) -> None:
    from bot.arguments import command as named  # noqa: PLC0415

    assert named(argv) == command


@pytest.mark.parametrize(
    "argv",
    [["ask", "what", "layer", "is", "metallb?"], ["ask", "metallb"]],
)
def test_a_plain_ask_is_read_as_the_parser_reads_it_without_importing_argparse(
    argv: list[str],
) -> None:
    """`osi-bot ask <words>` is the usual start-up: read without argparse, to the same
    values the parser gives."""

    from bot.arguments import parser  # noqa: PLC0415
    from bot.cli import _plainly_asked  # noqa: PLC0415

    plain = _plainly_asked(argv)
    assert plain is not None
    assert vars(plain) == vars(parser(argv).parse_args(argv))
    code = (
        "import sys, contextlib, io; from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['ask', 'metallb'])\n"
        "print('argparse' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize("argv", [["ask", "--json", "x"], ["ask", "-"], ["ask"], ["chat"]])
def test_an_option_or_another_command_goes_to_the_parser(argv: list[str]) -> None:
    from bot.cli import _plainly_asked  # noqa: PLC0415

    assert _plainly_asked(argv) is None

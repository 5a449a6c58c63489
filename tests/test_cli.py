"""The `osi-bot` command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


def _osi(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
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


def test_bad_knowledge_file_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("layers: [\n", "utf-8")
    result = _osi("ask", "--knowledge", str(broken), "envoy")
    assert result.returncode == 1
    assert result.stderr.startswith(f"osi-bot: {broken}: 1 problem in the knowledge file:")
    assert "YAML syntax error at line 2" in result.stderr
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
    code = (
        "import sys; from bot.cli import main; main(['ask', 'envoy']);"
        "bad = [m for m in sys.modules"
        " if m.split('.')[0] in {'slack_bolt', 'slack_sdk', 'discord'}];"
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

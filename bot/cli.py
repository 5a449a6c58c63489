"""The `osi-bot` command: ask, chat, quiz, layers, check, curation, and the platform adapters.

Slack and Discord libraries are imported only by the subcommand that starts them, so
asking a question in the terminal never pays for (or needs) them.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from bot.core.answering import answer
from bot.errors import OsiBotError
from bot.ops.knowledge_settings import KnowledgeSettings
from bot.ops.platform import Platform
from bot.render.stack import use_colour
from bot.render.text import render_text

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from bot.core.knowledge import Knowledge

__all__ = ["main"]


_GUESS_HINT = "Answer with a layer: a number from 1 to 7 (L4 too) or its name (transport)."


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def _ask(knowledge: Knowledge, words: list[str], as_json: bool) -> int:
    colour = use_colour(sys.stdout, os.environ)

    def show(question: str, one_line: bool) -> None:
        result = answer(knowledge, question)
        if as_json:
            import json  # noqa: PLC0415 - only for --json

            from bot.render.records import answer_record  # noqa: PLC0415

            _print(json.dumps(answer_record(result, knowledge), ensure_ascii=False))
        else:
            # One answer per line: a picture folded onto it would only be noise.
            text = render_text(result, knowledge, picture=not one_line, colour=colour)
            _print(" | ".join(text.splitlines()) if one_line else text)

    if words == ["-"]:
        for line in sys.stdin:
            show(line.rstrip("\r\n"), one_line=True)
            sys.stdout.flush()  # a script reading answers line by line sees each at once
    else:
        show(" ".join(words), one_line=False)
    return 0


def _line_editing() -> None:
    """Arrow keys, editing and this session's history for `input()`, where readline exists.

    Imported here, never on the `ask` path. Only for a terminal: piped input is read as is.
    """
    if not sys.stdin.isatty():
        return
    try:
        import readline  # noqa: F401, PLC0415 - importing it is what enables it for input()
    except ImportError:  # Windows, or a Python built without it
        return


def _chat(knowledge: Knowledge) -> int:
    _line_editing()
    colour = use_colour(sys.stdout, os.environ)
    _print(
        "osi-bot — ask where something lives on the OSI model. 'help' for examples, "
        "'quit' or Ctrl-D to leave."
    )
    try:
        while True:
            try:
                question = input("you> ")
            except EOFError:
                _print("")
                return 0
            if question.strip().casefold() in {"quit", "exit", "bye", ":q"}:
                return 0
            if question.strip():
                result = answer(knowledge, question)
                _print(render_text(result, knowledge, colour=colour) + "\n")
    except KeyboardInterrupt:
        _print("")  # Ctrl-C: the shell's prompt starts on a line of its own
        return 130


def _quiz(knowledge: Knowledge, questions: int, seed: int | None) -> int:
    """Ask `questions` questions, each answered on a line of stdin, and say why."""
    import random  # noqa: PLC0415 - only the quiz chooses at random

    from bot.core.quiz import Quizmaster, check, parse_guess  # noqa: PLC0415
    from bot.render.quiz import NOTHING_TO_QUIZ, question_text, verdict_text  # noqa: PLC0415

    _line_editing()
    # A prompt is for a person; a script's piped answers would only run into the verdict.
    prompt = "layer> " if sys.stdin.isatty() else ""
    quizmaster = Quizmaster(random.Random(seed))  # noqa: S311 - a question, not a secret
    try:
        for number in range(questions):
            question = quizmaster.ask(knowledge, "terminal")
            if question is None:
                sys.stderr.write(f"osi-bot: {NOTHING_TO_QUIZ}\n")
                return 1
            _print(("\n" if number else "") + question_text(question, knowledge))
            while (guess := parse_guess(knowledge, input(prompt))) is None:
                _print(_GUESS_HINT)
            verdict = check(knowledge, question.entry.name, guess)
            assert verdict is not None  # the entry and layer come from this knowledge
            _print(verdict_text(verdict))
    except EOFError:
        _print("")
    except KeyboardInterrupt:
        _print("")
        return 130
    return 0


def _layers(knowledge: Knowledge) -> int:
    from bot.render.table import render_table  # noqa: PLC0415

    _print(render_table(knowledge))
    return 0


def _check(files: KnowledgeSettings) -> int:
    from bot.render.table import overlays_summary, summary  # noqa: PLC0415

    knowledge = files.load()
    _print(summary(knowledge))
    if files.extra:
        from bot.loading.load import overlay_files  # noqa: PLC0415

        _print(overlays_summary(knowledge, overlay_files(files.extra)))
    return 0


def _run(args: argparse.Namespace | SimpleNamespace) -> int:
    if args.command == "curation":  # reads the log, not the knowledge
        from bot.run.curation import curation_report  # noqa: PLC0415

        _print(curation_report(as_json=args.json, limit=args.limit))
        return 0
    explicit = getattr(args, "knowledge", None)
    if args.command == "check":
        explicit = args.path or explicit
    extra = getattr(args, "knowledge_extra", None)
    files = KnowledgeSettings.from_env(os.environ, explicit, extra)
    if args.command == "check":
        return _check(files)
    knowledge = files.load()
    if args.command == "ask":
        return _ask(knowledge, args.question, args.json)
    if args.command == "chat":
        return _chat(knowledge)
    if args.command == "layers":
        return _layers(knowledge)
    if args.command == "quiz":
        return _quiz(knowledge, args.questions, args.seed)
    if args.command == "daily":
        from bot.run.daily import run_daily_command  # noqa: PLC0415

        posting = args.daily_command == "post"
        return run_daily_command(
            knowledge,
            args.daily_command,
            day=args.date,
            platform=Platform(args.platform) if posting else None,
            as_json=not posting and args.json,
        )
    # The bots watch the file they loaded, to reload it when it changes.
    if args.command == "slack":
        from bot.run.slack import run as run_slack  # noqa: PLC0415

        return run_slack(knowledge, files)
    from bot.run.discord import run as run_discord  # noqa: PLC0415

    return run_discord(knowledge, files, sync=args.sync)


def _plainly_asked(argv: Sequence[str]) -> SimpleNamespace | None:
    """`osi-bot ask <words>` with no option, the usual start-up: read without building a
    parser (argparse and its translations cost a few milliseconds)."""
    if len(argv) < 2 or argv[0] != "ask" or any(arg.startswith("-") for arg in argv[1:]):
        return None
    return SimpleNamespace(command="ask", question=list(argv[1:]), json=False)


def _parsed(argv: Sequence[str]) -> argparse.Namespace:
    from bot.arguments import parser  # noqa: PLC0415 - only a command line that needs it

    return parser(argv).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `osi-bot` and `python -m bot`; returns the exit status."""
    # Answers use typographic quotes and dashes; a terminal that can't show them gets '?'.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    argv = sys.argv[1:] if argv is None else argv
    args = _plainly_asked(argv) or _parsed(argv)
    try:
        return _run(args)
    except OsiBotError as error:
        sys.stderr.write(f"osi-bot: {error}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `osi-bot layers | head` closes the pipe early; that is not an error.
        return 0

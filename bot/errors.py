"""The project's exceptions: one root, small subclasses that carry what went wrong."""

from __future__ import annotations

__all__ = ["ConfigError", "KnowledgeError", "OsiBotError", "describe_failure"]


class OsiBotError(Exception):
    """Root of every error osi-bot reports to a person as a plain sentence."""


class KnowledgeError(OsiBotError):
    """The knowledge file cannot be used; the message says where and why."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source}: {len(problems)} {noun} in the knowledge file:\n{listing}")


class ConfigError(OsiBotError):
    """A setting is missing or malformed; the message names the variable."""

    def __init__(self, variable: str, message: str) -> None:
        self.variable = variable
        super().__init__(message)


def describe_failure(error: BaseException) -> str:
    """Why a call over the network failed, in a few words for a one-line message.

    aiohttp's timeouts carry no message of their own, nor do some other errors: those are
    named instead.
    """
    if isinstance(error, TimeoutError) and not str(error):
        return "timed out"
    return str(error) or type(error).__name__

"""The HTTP server's deadlines and the shutdown bound: defaults, accepted values, bad ones."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.ops.server_settings import ServerSettings


def test_defaults_fit_the_manifests_grace_period() -> None:
    """15 s to send a request head, 10 s for a body, 20 s to stop (5 s preStop + 20 < 30)."""
    assert ServerSettings.from_env({}) == ServerSettings(15.0, 10.0, 20.0)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"OSI_HTTP_IDLE_SECONDS": "0.5"}, ServerSettings(idle_seconds=0.5)),
        ({"OSI_HTTP_BODY_SECONDS": "3"}, ServerSettings(body_seconds=3.0)),
        ({"OSI_SHUTDOWN_SECONDS": " 25 "}, ServerSettings(shutdown_seconds=25.0)),
        ({"OSI_SHUTDOWN_SECONDS": ""}, ServerSettings()),
    ],
)
def test_accepted_values(env: dict[str, str], expected: ServerSettings) -> None:
    assert ServerSettings.from_env(env) == expected


@pytest.mark.parametrize(
    "variable", ["OSI_HTTP_IDLE_SECONDS", "OSI_HTTP_BODY_SECONDS", "OSI_SHUTDOWN_SECONDS"]
)
@pytest.mark.parametrize("value", ["0", "-1", "20s", "nan", "inf"])
def test_a_bad_value_is_a_sentence_naming_its_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        ServerSettings.from_env({variable: value})
    assert raised.value.variable == variable
    assert str(raised.value) == (
        f"{variable} must be a number of seconds, more than 0, not {value!r}."
    )

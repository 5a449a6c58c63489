"""Operations settings: defaults, accepted values, and a sentence naming each bad one."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.ops.settings import LogFormat, OpsSettings


def test_defaults_serve_no_health_port_log_no_questions_and_poll_every_5_seconds() -> None:
    assert OpsSettings.from_env({}) == OpsSettings(None, False, 5.0)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"OSI_HEALTH_PORT": "8080"}, OpsSettings(health_port=8080)),
        ({"OSI_HEALTH_PORT": " "}, OpsSettings(health_port=None)),
        ({"OSI_LOG_UNKNOWN_QUESTIONS": "true"}, OpsSettings(log_unknown_questions=True)),
        ({"OSI_LOG_UNKNOWN_QUESTIONS": ""}, OpsSettings(log_unknown_questions=False)),
        ({"OSI_KNOWLEDGE_RELOAD_SECONDS": "0"}, OpsSettings(reload_seconds=0.0)),
        ({"OSI_KNOWLEDGE_RELOAD_SECONDS": "0.5"}, OpsSettings(reload_seconds=0.5)),
        ({"OSI_KNOWLEDGE_RELOAD_SECONDS": ""}, OpsSettings(reload_seconds=5.0)),
        ({"OSI_KNOWLEDGE_RELOAD_TIMEOUT": "2.5"}, OpsSettings(reload_timeout=2.5)),
        ({"OSI_KNOWLEDGE_RELOAD_TIMEOUT": ""}, OpsSettings(reload_timeout=30.0)),
        ({"OSI_LOG_FORMAT": "JSON "}, OpsSettings(log_format=LogFormat.JSON)),
        ({"OSI_LOG_FORMAT": ""}, OpsSettings(log_format=LogFormat.TEXT)),
        ({"OSI_LOG_LEVEL": "debug"}, OpsSettings(log_level="DEBUG")),
    ],
)
def test_accepted_values(env: dict[str, str], expected: OpsSettings) -> None:
    assert OpsSettings.from_env(env) == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OSI_HEALTH_PORT", "0"),
        ("OSI_HEALTH_PORT", "65536"),
        ("OSI_HEALTH_PORT", "health"),
        ("OSI_LOG_UNKNOWN_QUESTIONS", "sometimes"),
        ("OSI_KNOWLEDGE_RELOAD_SECONDS", "-1"),
        ("OSI_KNOWLEDGE_RELOAD_SECONDS", "5s"),
        ("OSI_KNOWLEDGE_RELOAD_SECONDS", "nan"),
        ("OSI_KNOWLEDGE_RELOAD_SECONDS", "inf"),
        ("OSI_KNOWLEDGE_RELOAD_TIMEOUT", "0"),
        ("OSI_KNOWLEDGE_RELOAD_TIMEOUT", "-5"),
        ("OSI_KNOWLEDGE_RELOAD_TIMEOUT", "soon"),
        ("OSI_KNOWLEDGE_RELOAD_TIMEOUT", "inf"),
        ("OSI_LOG_FORMAT", "yaml"),
        ("OSI_LOG_LEVEL", "LOUD"),
    ],
)
def test_a_bad_value_is_a_sentence_naming_its_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        OpsSettings.from_env({variable: value})
    assert raised.value.variable == variable
    assert str(raised.value).startswith(variable)
    assert repr(value) in str(raised.value)

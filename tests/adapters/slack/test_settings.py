"""Settings: every missing or malformed one is a sentence naming it, before any connection."""

from __future__ import annotations

import pytest

from bot.adapters.slack.settings import DEFAULT_PORT, SlackSettings
from bot.cli import main
from bot.errors import ConfigError
from bot.run import slack as runner
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

HTTP = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
SOCKET = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}


def test_without_an_app_token_the_bot_serves_http_on_port_3000() -> None:
    settings = SlackSettings.from_env(HTTP)
    assert not settings.socket_mode
    assert settings.port == DEFAULT_PORT == 3000
    assert settings.signing_secret == SIGNING_SECRET


def test_port_sets_the_http_port() -> None:
    assert SlackSettings.from_env(HTTP | {"PORT": "8080"}).port == 8080


def test_an_app_token_selects_socket_mode_and_needs_no_signing_secret() -> None:
    settings = SlackSettings.from_env(SOCKET)
    assert settings.socket_mode
    assert settings.app_token == APP_TOKEN


def test_an_empty_app_token_means_http_mode() -> None:
    """`SLACK_APP_TOKEN=` copied from .env.example is "not set", not a malformed token."""
    assert not SlackSettings.from_env(HTTP | {"SLACK_APP_TOKEN": "  "}).socket_mode


@pytest.mark.parametrize(
    ("environ", "variable", "words"),
    [
        ({}, "SLACK_BOT_TOKEN", "is not set"),
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN", "is not set"),
        (HTTP | {"SLACK_BOT_TOKEN": "xoxp-1111-2222-usertoken"}, "SLACK_BOT_TOKEN", "'xoxp-'"),
        (HTTP | {"SLACK_BOT_TOKEN": "not-a-token"}, "SLACK_BOT_TOKEN", "is malformed"),
        (HTTP | {"SLACK_BOT_TOKEN": APP_TOKEN}, "SLACK_BOT_TOKEN", "'xapp-'"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET", "is not set"),
        (HTTP | {"SLACK_SIGNING_SECRET": "not hex at all"}, "SLACK_SIGNING_SECRET", "malformed"),
        (SOCKET | {"SLACK_APP_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN", "'xoxb-'"),
        (SOCKET | {"SLACK_APP_TOKEN": "xapp"}, "SLACK_APP_TOKEN", "is malformed"),
        (HTTP | {"PORT": "http"}, "PORT", "'http'"),
        (HTTP | {"PORT": "0"}, "PORT", "1 to 65535"),
        (HTTP | {"PORT": "70000"}, "PORT", "1 to 65535"),
    ],
)
def test_a_missing_or_malformed_setting_is_named(
    environ: dict[str, str], variable: str, words: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        SlackSettings.from_env(environ)
    assert raised.value.variable == variable
    message = str(raised.value)
    assert message.startswith(variable)
    assert words in message
    assert message.endswith(".")  # one plain sentence
    assert "\n" not in message


@pytest.mark.parametrize(
    ("environ", "variable"),
    [({}, "SLACK_BOT_TOKEN"), ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET")],
)
def test_a_missing_setting_says_how_to_provide_it(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{variable} is not set") as raised:
        SlackSettings.from_env(environ)
    assert "Export it, or copy .env.example to .env" in str(raised.value)
    assert "set -a; . ./.env; set +a" in str(raised.value)


def test_a_malformed_token_is_never_echoed() -> None:
    secret_looking = "xoxb-" + "9" * 5  # too short to be real, but still a secret to hide
    with pytest.raises(ConfigError) as raised:
        SlackSettings.from_env(HTTP | {"SLACK_BOT_TOKEN": secret_looking})
    assert secret_looking not in str(raised.value)


def test_settings_never_show_their_secrets() -> None:
    shown = repr(SlackSettings.from_env(HTTP | {"SLACK_APP_TOKEN": APP_TOKEN}))
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET):
        assert secret not in shown


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
        # Operations settings are checked before connecting too.
        (HTTP | {"OSI_LOG_FORMAT": "xml"}, "OSI_LOG_FORMAT"),
        (HTTP | {"OSI_LOG_LEVEL": "LOUD"}, "OSI_LOG_LEVEL"),
        (HTTP | {"OSI_KNOWLEDGE_RELOAD_SECONDS": "soon"}, "OSI_KNOWLEDGE_RELOAD_SECONDS"),
        (HTTP | {"OSI_LOG_UNKNOWN_QUESTIONS": "maybe"}, "OSI_LOG_UNKNOWN_QUESTIONS"),
        (SOCKET | {"OSI_HEALTH_PORT": "99999"}, "OSI_HEALTH_PORT"),
        (HTTP | {"PORT": "8080", "OSI_HEALTH_PORT": "8080"}, "OSI_HEALTH_PORT"),
        (HTTP | {"SLACK_API_URL": "slack.com"}, "SLACK_API_URL"),
    ],
)
def test_osi_bot_slack_exits_1_with_the_sentence_before_connecting(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environ: dict[str, str],
    variable: str,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    connections: list[object] = []

    async def must_not_serve(*args: object, **kwargs: object) -> None:
        connections.append(args)

    monkeypatch.setattr(runner, "serve", must_not_serve)
    assert main(["slack"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"osi-bot: {variable} ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert connections == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("https://slack-gov.com/api/", "https://slack-gov.com/api/"),
        ("http://slack-proxy.internal:8080/api", "http://slack-proxy.internal:8080/api/"),
    ],
)
def test_slack_api_url_points_the_web_api_elsewhere(value: str, expected: str | None) -> None:
    """slack_sdk joins method names onto the base URL, so it must end in a slash."""
    assert SlackSettings.from_env(HTTP | {"SLACK_API_URL": value}).api_url == expected
    assert SlackSettings.from_env(SOCKET | {"SLACK_API_URL": value}).api_url == expected


@pytest.mark.parametrize(
    "value", ["slack.com/api", "ftp://slack.com/api/", "https://", "https://x/?a=1"]
)
def test_a_slack_api_url_that_is_no_web_address_is_named(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        SlackSettings.from_env(HTTP | {"SLACK_API_URL": value})
    assert raised.value.variable == "SLACK_API_URL"


@pytest.mark.parametrize(
    "value", ["https://slack.com:0/api/", "https://slack.com:99999/api/", "https://slack.com:x/"]
)
def test_a_slack_api_url_with_an_impossible_port_is_named(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        SlackSettings.from_env(HTTP | {"SLACK_API_URL": value})
    assert raised.value.variable == "SLACK_API_URL"


PASSWORD = "pw-s3cret-9f2c"  # a marker to look for in the output


@pytest.mark.parametrize(
    "value",
    [
        f"https://osi:{PASSWORD}@slack-proxy.internal/api/",
        f"https://{PASSWORD}@slack-proxy.internal/api/",  # a token as the user name
        f"http://osi:{PASSWORD}@127.0.0.1:8080/api/",
        f"https://osi:{PASSWORD}@/api/",  # no host either
        f"https://osi:{PASSWORD}@slack-proxy.internal:99999/api/",  # nor a possible port
        f"http://osi:{PASSWORD}@[::1/api/",  # nor a URL Python can split
        f"osi:{PASSWORD}@slack-proxy.internal/api/",  # nor a scheme
    ],
)
def test_a_slack_api_url_with_credentials_is_refused_without_repeating_them(value: str) -> None:
    for environ in (HTTP, SOCKET):
        with pytest.raises(ConfigError) as raised:
            SlackSettings.from_env(environ | {"SLACK_API_URL": value})
        assert raised.value.variable == "SLACK_API_URL"
        assert PASSWORD not in str(raised.value)
    with pytest.raises(ConfigError) as raised:
        SlackSettings.posting_from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": value})
    assert PASSWORD not in str(raised.value)


def test_the_settings_know_every_secret_to_keep_out_of_the_log() -> None:
    assert set(SlackSettings.from_env(HTTP).secrets) == {BOT_TOKEN, SIGNING_SECRET}
    assert set(SlackSettings.from_env(SOCKET).secrets) == {BOT_TOKEN, APP_TOKEN}

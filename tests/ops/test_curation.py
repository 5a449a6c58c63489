"""The curation log: off by default, kept in SQLite or Redis, bounded, never raising."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from bot.core.answering import answer
from bot.errors import ConfigError
from bot.ops import curation
from bot.ops.curation import (
    CurationRecord,
    CurationSettings,
    RecordKind,
    RedisCurationLog,
    SqliteCurationLog,
    open_curation_log,
)
from bot.ops.feedback import Feedback
from bot.ops.metrics import Metrics
from bot.ops.observed import observed
from bot.ops.platform import Platform
from bot.ops.shared_state import SharedState, SharedStateSettings, open_shared_state
from bot.ops.votes import Ballot, Vote

if TYPE_CHECKING:
    from pathlib import Path

    from bot.core.knowledge import Knowledge
    from tests.fakes.redis_server import RedisServer

DOWN = CurationRecord(RecordKind.DOWN, "slack", "Envoy", "which layer is envoy", "Envoy: L7")
ENVOY = Ballot("Envoy", (7, 6, 5), "which layer is envoy")


def test_the_log_is_off_unless_turned_on(tmp_path: Path) -> None:
    settings = CurationSettings.from_env({"OSI_STATE_DIR": str(tmp_path)})
    assert settings == CurationSettings(False, str(tmp_path))
    assert open_curation_log(settings) is None
    assert list(tmp_path.iterdir()) == []
    on = CurationSettings.from_env({"OSI_STATE_DIR": str(tmp_path), "OSI_CURATION_LOG": "true"})
    assert isinstance(open_curation_log(on), SqliteCurationLog)
    assert [p.name for p in tmp_path.iterdir()] == ["curation.sqlite3"]


def test_a_bad_value_is_one_error_naming_the_setting() -> None:
    with pytest.raises(ConfigError) as raised:
        CurationSettings.from_env({"OSI_CURATION_LOG": "sometimes"})
    assert raised.value.variable == "OSI_CURATION_LOG"


def test_an_unusable_state_directory_names_osi_state_dir(tmp_path: Path) -> None:
    occupied = tmp_path / "file"
    occupied.write_text("not a directory")
    with pytest.raises(ConfigError) as raised:
        open_curation_log(CurationSettings(True, str(occupied)))
    assert raised.value.variable == "OSI_STATE_DIR"


async def test_sqlite_keeps_records_in_order_and_only_the_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(curation, "MAX_RECORDS", 3)
    log = SqliteCurationLog(str(tmp_path), clock=lambda: 42.0)
    for i in range(5):
        await log.add(DOWN._replace(question=f"q{i}", comment="x" * 5000))
    kept = await log.records()
    assert [r.question for r in kept] == ["q2", "q3", "q4"]
    assert kept[0].at == 42.0
    assert kept[0].comment is not None
    assert len(kept[0].comment) == 1000


async def test_a_missing_file_reads_as_an_empty_log_and_is_not_created(tmp_path: Path) -> None:
    assert await SqliteCurationLog(str(tmp_path), create=False).records() == []
    assert list(tmp_path.iterdir()) == []


async def test_a_broken_file_is_one_error_and_a_failed_write_only_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = SqliteCurationLog(str(tmp_path))
    (tmp_path / "curation.sqlite3").write_bytes(b"not a database at all" * 100)
    await log.add(DOWN)  # never raises: a vote must not fail for the log
    assert "Could not keep a curation record" in caplog.text
    with pytest.raises(ConfigError) as raised:
        await log.records()
    assert raised.value.variable == "OSI_STATE_DIR"


async def test_redis_keeps_records_for_every_replica(
    redis_server: RedisServer, redis_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(curation, "MAX_RECORDS", 3)
    states = [open_shared_state(SharedStateSettings(redis_server.url, redis_prefix))] * 1
    states.append(open_shared_state(SharedStateSettings(redis_server.url, redis_prefix)))
    logs = [RedisCurationLog(s) for s in states if s is not None]
    for i in range(5):
        await logs[i % 2].add(DOWN._replace(question=f"q{i}"))
    assert [r.question for r in await logs[0].records()] == ["q2", "q3", "q4"]
    for state in states:
        assert state is not None
        await state.close()


async def test_redis_down_drops_the_record_and_the_report_says_so(
    own_redis_server: RedisServer, redis_prefix: str
) -> None:
    state = open_shared_state(SharedStateSettings(own_redis_server.url, redis_prefix))
    assert isinstance(state, SharedState)
    log = RedisCurationLog(state)
    own_redis_server.stop()
    await log.add(DOWN)
    assert not state.reachable
    with pytest.raises(ConfigError) as raised:
        await log.records()
    assert raised.value.variable == "OSI_REDIS_URL"
    await state.close()


async def test_feedback_logs_a_dispute_its_retraction_and_a_comment(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    log = SqliteCurationLog(str(tmp_path))
    feedback = Feedback(lambda: knowledge, metrics=Metrics(), log=log)
    await feedback.vote(Platform.SLACK, "C1:1.0", "U1", Vote.UP, ENVOY)  # not logged
    await feedback.vote(Platform.SLACK, "C1:1.0", "U1", Vote.DOWN, ENVOY)
    await feedback.vote(Platform.SLACK, "C1:1.0", "U1", Vote.DOWN, ENVOY)  # again: nothing
    await feedback.comment(Platform.SLACK, ENVOY, "  it is\n L7 only ")
    await feedback.comment(Platform.SLACK, ENVOY, "   ")  # nothing said, nothing kept
    await feedback.vote(Platform.SLACK, "C1:1.0", "U1", Vote.UP, ENVOY)
    kept = await log.records()
    assert [(r.kind, r.comment) for r in kept] == [
        (RecordKind.DOWN, None),
        (RecordKind.COMMENT, "it is L7 only"),
        (RecordKind.RETRACTED, None),
    ]
    assert {(r.subject, r.question, r.answer) for r in kept} == {
        ("Envoy", "which layer is envoy", "Envoy: L7, L6, L5")
    }


async def test_unknown_questions_are_kept_only_when_the_log_is_on(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    log = SqliteCurationLog(str(tmp_path))
    for kept_by in (Feedback(lambda: knowledge), Feedback(lambda: knowledge, log=log)):
        ask = observed(
            answer,
            platform=Platform.DISCORD,
            metrics=Metrics(),
            log_unknown=False,
            feedback=kept_by,
        )
        ask(knowledge, "<@123456> what layer is   the Frobnicator mesh?")
        ask(knowledge, "what layer is envoy")  # placed: not kept
        assert await kept_by.writing.idle(5)
    (record,) = await log.records()
    assert record.kind is RecordKind.UNKNOWN
    assert record.platform == "discord"
    assert record.question == "what layer is the Frobnicator mesh?"
    assert "123456" not in repr(record)
    assert record.subject == "frobnicator mesh"


def test_unknown_questions_outside_a_running_loop_are_not_kept(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    """`observed` may wrap answers in a command with no event loop: nothing breaks."""
    log = SqliteCurationLog(str(tmp_path))
    Feedback(lambda: knowledge, log=log).unknown(
        Platform.SLACK, answer(knowledge, "what layer is lunch")
    )
    with sqlite3.connect(tmp_path / "curation.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM curation").fetchone() == (0,)

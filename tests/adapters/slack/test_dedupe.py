"""Remembering deliveries: a repeat is recognised; memory is bounded in time and size."""

from __future__ import annotations

from bot.adapters.slack.dedupe import RecentKeys, delivery_key


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_key_is_new_once_then_a_repeat() -> None:
    seen = RecentKeys()
    assert seen.add("event:Ev1")
    assert not seen.add("event:Ev1")
    assert seen.add("event:Ev2")


def test_a_key_is_forgotten_after_its_ttl() -> None:
    clock = _Clock()
    seen = RecentKeys(ttl=60, clock=clock)
    seen.add("event:Ev1")
    clock.now = 59
    assert not seen.add("event:Ev1")
    clock.now = 61
    assert seen.add("event:Ev1")


def test_memory_never_exceeds_its_capacity() -> None:
    seen = RecentKeys(capacity=100)
    for i in range(1000):
        seen.add(f"event:{i}")
    assert len(seen) == 100
    assert not seen.add("event:999")  # the newest are the ones kept


def test_events_are_keyed_by_event_id_and_clicks_and_commands_by_trigger_id() -> None:
    assert delivery_key({"event_id": "Ev1", "event": {}}) == "event:Ev1"
    assert delivery_key({"trigger_id": "1.2.3", "command": "/osi"}) == "trigger:1.2.3"
    assert delivery_key({"type": "url_verification", "challenge": "x"}) is None

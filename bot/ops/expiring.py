"""A bounded memory that forgets each key `ttl` seconds after it was set, and the oldest
beyond `capacity`: a process's own record of deliveries seen and of votes cast."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Expiring"]

V = TypeVar("V")


class Expiring(Generic[V]):
    def __init__(
        self, *, ttl: float, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._clock = clock
        self._kept: OrderedDict[str, tuple[V, float]] = OrderedDict()  # oldest first

    def __len__(self) -> int:
        return len(self._kept)

    def _forget_old(self, now: float) -> None:
        while self._kept:
            oldest, (_, at) = next(iter(self._kept.items()))
            if now - at < self._ttl and len(self._kept) < self._capacity:
                break
            del self._kept[oldest]

    def add(self, key: str, value: V) -> bool:
        """Keep `key` unless it is kept already; False for a key it had (kept as it was)."""
        now = self._clock()
        self._forget_old(now)
        if key in self._kept:
            return False
        self._kept[key] = (value, now)
        return True

    def replace(self, key: str, value: V) -> V | None:
        """Keep `value` under `key` from now on; the value it replaced, if any."""
        now = self._clock()
        self._forget_old(now)
        previous = self._kept.pop(key, None)
        self._kept[key] = (value, now)
        return previous[0] if previous is not None else None

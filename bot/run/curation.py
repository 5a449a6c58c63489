"""`osi-bot curation`: read the curation log where the bots keep it and print the report.

It reads the store the bots write with OSI_CURATION_LOG=true: Redis when OSI_REDIS_URL is
set, else `curation.sqlite3` in OSI_STATE_DIR (read only; a missing file is an empty log).
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import TYPE_CHECKING

from bot.ops.curation import CurationSettings, RedisCurationLog, SqliteCurationLog
from bot.ops.curation_report import DEFAULT_LIMIT, build_report
from bot.ops.shared_state import SharedStateSettings, open_shared_state

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.ops.curation import CurationRecord

__all__ = ["curation_report"]


async def _read(settings: CurationSettings, shared: SharedStateSettings) -> list[CurationRecord]:
    state = open_shared_state(shared)
    if state is None:
        return await SqliteCurationLog(settings.state_dir, create=False).records()
    try:
        return await RedisCurationLog(state).records()
    finally:
        await state.close()


def curation_report(
    environ: Mapping[str, str] | None = None, *, as_json: bool = False, limit: int = DEFAULT_LIMIT
) -> str:
    """The report on what the bots kept, as text or JSON.

    Raises:
        ConfigError: a bad setting, or a Redis that cannot be read.
    """
    environ = os.environ if environ is None else environ
    settings = CurationSettings.from_env(environ)
    shared = SharedStateSettings.from_env(environ)
    report = build_report(asyncio.run(_read(settings, shared)), limit=limit)
    if as_json:
        return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
    source = f"Redis at {shared.where}" if shared.url is not None else settings.path
    return report.as_text(source)

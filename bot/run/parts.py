"""What every running bot is built from, the same on Slack and Discord: its metrics, the
shared state, the layer of the day, the reloadable knowledge and the feedback votes."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.daily.job import DailySetup
from bot.daily.settings import DailySettings
from bot.ops.curation import CurationSettings, open_curation_log
from bot.ops.feedback import Feedback
from bot.ops.knowledge_holder import KnowledgeHolder
from bot.ops.metrics import Metrics
from bot.ops.shared_state import SharedStateSettings, open_shared_state
from bot.ops.votes import SharedVotes

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bot.core.knowledge import Knowledge
    from bot.ops.knowledge_settings import KnowledgeSettings
    from bot.ops.platform import Platform
    from bot.ops.settings import OpsSettings
    from bot.ops.shared_state import SharedState

__all__ = ["PartSettings", "Parts"]


class Parts(NamedTuple):
    metrics: Metrics
    shared: SharedState | None
    daily: DailySetup
    holder: KnowledgeHolder
    feedback: Feedback


class PartSettings(NamedTuple):
    """The parts' settings, read and checked before anything starts."""

    daily: DailySettings
    shared: SharedStateSettings
    curation: CurationSettings

    @classmethod
    def from_env(cls, environ: Mapping[str, str], platform: Platform) -> PartSettings:
        return cls(
            DailySettings.from_env(environ, platform),
            SharedStateSettings.from_env(environ),
            CurationSettings.from_env(environ),
        )

    def open(self, knowledge: Knowledge, files: KnowledgeSettings, ops: OpsSettings) -> Parts:
        """The parts, once logging is set up (opening them may log)."""
        metrics = Metrics()
        shared = open_shared_state(self.shared, on_error=metrics.record_redis_error)
        daily = DailySetup.open(self.daily, shared)
        holder = KnowledgeHolder(
            knowledge,
            files.path,
            files.load,
            on_reload=metrics.record_reload,
            timeout=ops.reload_timeout,
            extra=files.extra,
        )
        feedback = Feedback(
            holder.get,
            votes=SharedVotes(shared) if shared is not None else None,
            metrics=metrics,
            log=open_curation_log(self.curation, shared),
        )
        return Parts(metrics, shared, daily, holder, feedback)

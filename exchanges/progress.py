"""How far a plan's actions have come, as the plan pages and the funder's report show it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.figures import Definition
from exchanges.models import ActionStatus

ACTION_PROGRESS = Definition(
    _("Progress"),
    _("Actions done out of all the plan's actions except those dropped."),
    cluster=_("plans of partners in one of the cluster's working groups"),
)


@dataclass(frozen=True)
class ActionProgress:
    """How far a plan's actions have come: a count per status and the share done."""

    planned: int = 0
    started: int = 0
    done: int = 0
    dropped: int = 0

    @classmethod
    def of(cls, statuses) -> "ActionProgress":
        """From the statuses of a plan's actions (already loaded, no query)."""
        counts = {status.value: 0 for status in ActionStatus}
        for status in statuses:
            counts[status] += 1
        return cls(**counts)

    @property
    def total(self) -> int:
        return self.planned + self.started + self.done + self.dropped

    @property
    def counted(self) -> int:
        """The actions the plan still means to carry out: all but the dropped ones."""
        return self.total - self.dropped

    @property
    def percent(self) -> int:
        return self.done * 100 // self.counted if self.counted else 0

    @property
    def by_status(self) -> list[tuple[str, str, int]]:
        return [
            (status.value, status.label, getattr(self, status.value)) for status in ActionStatus
        ]

"""What a figure is called and what it counts: one definition wherever it appears."""

from dataclasses import dataclass

from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class Definition:
    """What a figure is called, what it counts, and how a period or a cluster narrows it."""

    label: Text
    text: Text
    # Which date places a record in a period; None: the figure is not split by period.
    period: Text | None = None
    # How choosing a cluster narrows the figure; None: the figure is not split by cluster.
    cluster: Text | None = None

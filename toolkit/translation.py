"""Toolkit content that partners may write in several languages (django-modeltranslation).

A practice is written in one language (``Practice.language``) and may be
translated into the others; target groups and benchmarking criteria are the
toolkit's reference data, shown in the reader's language.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from toolkit.models import BenchmarkCriterion, Practice, TargetGroup


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "description",
        "how_it_works",
        "resources_needed",
        "results",
        "transferability",
    )


@register(TargetGroup)
class TargetGroupTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(BenchmarkCriterion)
class BenchmarkCriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


# History of every change to a practice (django-simple-history). Registered here,
# after the translation options, so that the historical model has the per-language
# columns too; declaring HistoricalRecords() on the model breaks saving.
simple_history.register(Practice)

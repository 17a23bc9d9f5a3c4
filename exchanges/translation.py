"""Study visit texts that partners may write in several languages (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from exchanges.models import ActionPlan, StudyVisit


@register(StudyVisit)
class StudyVisitTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "lessons_learned")


# History of every change to an action plan (django-simple-history), registered
# after the translation options as for practices (toolkit/translation.py).
simple_history.register(ActionPlan)

"""What a partner editor may change: their organisations and what belongs to them.

Every workspace view starts from these querysets, so another organisation's
object is simply not found (a 404), whatever the URL or the form says.
"""

from cities.models import Organisation
from exchanges.models import ActionPlan, PlanAction
from toolkit.models import Practice


def organisations_editable_by(user):
    return Organisation.objects.editable_by(user)


def practices_editable_by(user):
    return Practice.objects.filter(organisation__in=Organisation.objects.editable_by(user))


def plans_editable_by(user):
    return ActionPlan.objects.filter(organisation__in=Organisation.objects.editable_by(user))


def plan_actions_editable_by(user):
    return PlanAction.objects.filter(plan__in=plans_editable_by(user))

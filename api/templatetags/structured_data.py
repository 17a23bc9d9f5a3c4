"""``{% structured_data visit %}``, ``{% structured_data partner %}``,
``{% structured_data practice %}`` and ``{% structured_data network=partners %}`` (the
network and its members, on the home page): the page's schema.org JSON-LD
(api/structured_data.py)."""

from django import template
from django.utils.safestring import SafeString

from api import structured_data
from cities.models import Organisation
from exchanges.models import StudyVisit
from toolkit.models import Practice

register = template.Library()


@register.simple_tag(takes_context=True, name="structured_data")
def structured_data_tag(context, obj=None, *, network=None) -> SafeString | str:
    request = context.get("request")
    if request is None:
        return ""
    if network is not None:  # the home page's partners
        data = structured_data.network(request, network)
    elif isinstance(obj, StudyVisit):
        data = structured_data.study_visit(request, obj)
    elif isinstance(obj, Organisation):
        data = structured_data.organisation(request, obj, full=True)
    elif isinstance(obj, Practice):
        data = structured_data.practice(request, obj)
    else:
        return ""
    return structured_data.script(data)

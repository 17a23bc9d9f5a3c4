"""Every public page type, as the browser tests and the Italian-leftovers test visit it."""

from typing import NamedTuple


class PageType(NamedTuple):
    id: str
    url_name: str | None  # None: a path that resolves to nothing (the 404 page)
    kwargs: dict
    query: str = ""


PAGE_TYPES = [
    PageType("home", "home", {}),
    PageType("toolkit", "toolkit:list", {}),
    PageType(
        "toolkit-search",
        "toolkit:list",
        {},
        "q=volunteer&cluster=young-migrants&target_group=young-migrants",
    ),
    PageType("practice", "toolkit:detail", {"slug": "welcome-walks-with-neighbourhood-hosts"}),
    # Written in Italian, its title and summary translated into English.
    PageType(
        "practice-in-italian", "toolkit:detail", {"slug": "un-tutor-volontario-per-ogni-giovane"}
    ),
    PageType("partners", "network:partner_list", {}),
    PageType("partner", "network:partner_detail", {"slug": "turin"}),
    PageType("clusters", "network:cluster_list", {}),
    PageType("cluster", "network:cluster_detail", {"slug": "young-migrants"}),
    PageType("project", "reporting:project_detail", {"slug": "values"}),
    PageType("visits", "exchanges:visit_list", {}),
    PageType("visit", "exchanges:visit_detail", {"slug": "turin-young-migrants-visit"}),
    PageType("exchanges", "exchanges:exchange_list", {}),
    PageType("exchange", "exchanges:exchange_detail", {"slug": "turin-nuremberg-staff-exchange"}),
    PageType("plans", "exchanges:plan_list", {}),
    PageType("plan", "exchanges:plan_detail", {"slug": "turin-action-plan-young-migrants"}),
    PageType("privacy", "privacy", {}),
    PageType("accessibility", "accessibility", {}),
    PageType("accessibility-report", "network:accessibility_report", {}),
    PageType("not-found", None, {}),
    PageType("sign-in", "account_login", {}),
]

LANGUAGES = ["en", "it"]


def page_path(page_type: PageType, language: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    if page_type.url_name is None:
        return f"/{language}/no-such-page/"
    with translation.override(language):
        path = reverse(page_type.url_name, kwargs=page_type.kwargs or None)
    return path + (f"?{page_type.query}" if page_type.query else "")

"""Atom feeds of newly published practices: the whole toolkit, and one per cluster."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from cities.models import Cluster
from core.content_language import shown_text
from toolkit.models import Practice

FEED_SIZE = 30


class ContentLanguageAtom1Feed(Atom1Feed):
    """Atom whose entries say their language (``xml:lang``) when it is not the feed's.

    A practice not yet translated into the reader's language is shown in its
    original; feed readers and screen readers then pronounce it in that language.
    """

    def item_attributes(self, item: dict) -> dict:
        attributes = super().item_attributes(item)
        language = item.get("content_language")
        if language and language != self.feed["language"]:
            attributes["xml:lang"] = language
        return attributes


class LatestPracticesFeed(Feed):
    feed_type = ContentLanguageAtom1Feed
    subtitle = _("Practices that include migrants and refugees through volunteering, newest first.")

    def author_name(self) -> str:
        return settings.PORTAL_NAME

    def title(self) -> str:
        return _("%(portal_name)s: new practices") % {"portal_name": settings.PORTAL_NAME}

    def link(self) -> str:
        return reverse("toolkit:list")

    def practices(self):
        return Practice.objects.published().select_related("organisation")

    def items(self):
        return self.practices().order_by("-published_at", "title")[:FEED_SIZE]

    def item_title(self, item: Practice) -> str:
        return shown_text(item, "title").text

    def item_description(self, item: Practice) -> str:
        # Atom's summary is type="html": the partner's text is escaped, so markup such as
        # <img onerror=…> reaches feed readers as words, never as HTML.
        return escape(shown_text(item, "summary").text)

    def item_extra_kwargs(self, item: Practice) -> dict:
        return {"content_language": shown_text(item, "title").language}

    def item_pubdate(self, item: Practice):
        return item.published_at

    def item_updateddate(self, item: Practice):
        return item.updated_at

    def item_author_name(self, item: Practice) -> str | None:
        # None, not "": entries without a partner fall back to the feed's author.
        return str(item.organisation) if item.organisation else None


class ClusterPracticesFeed(LatestPracticesFeed):
    def get_object(self, request, slug: str) -> Cluster:
        return get_object_or_404(Cluster, slug=slug)

    def title(self, obj: Cluster) -> str:
        return _("%(portal_name)s: new practices in %(cluster)s") % {
            "portal_name": settings.PORTAL_NAME,
            "cluster": obj,
        }

    def link(self, obj: Cluster) -> str:
        return f"{reverse('toolkit:list')}?cluster={obj.slug}"

    def items(self, obj: Cluster):
        return self.practices().in_cluster(obj).order_by("-published_at", "title")[:FEED_SIZE]

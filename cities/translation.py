"""Content that partners may write in several languages (django-modeltranslation).

Each field listed here gets one column per language of
``settings.MODELTRANSLATION_LANGUAGES`` (``name_en``, ``name_it``…); reading
``cluster.name`` gives the reader's language, or the first language that has a
value.
"""

from modeltranslation.translator import TranslationOptions, register

from cities.models import Cluster, Organisation


@register(Cluster)
class ClusterTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")

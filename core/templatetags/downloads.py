from django import template

from core.downloads import file_kind as describe_kind

register = template.Library()


@register.filter
def file_kind(name: str) -> str:
    """``"report.pdf"`` → ``"PDF"``: the kind of file a download link leads to."""
    return describe_kind(name)

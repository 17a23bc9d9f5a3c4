"""Rendered content that is the same for every visitor, kept in the cache framework.

What is cached:

- **Fragments** (``cached_fragment``): the costly part of a page that depends
  only on the address and the language, such as the toolkit's results, and
  apart from them its facets, which without a search depend on what practices
  are counted by (``counts_token``), not on their texts. Every visitor, signed in
  or not, gets them from the cache.
- **Rows** (``with_row_html``): the HTML of one row as lists show it (a practice's
  card, a visit's line), rendered once per version of that row and reused by the lists
  that show it. A list reads its ids first and reads whole only the rows whose HTML
  the cache lacks: after an edit, one row of twenty.
- **Whole pages** (``SharedPageCacheMixin``), per *audience*: an anonymous visitor
  sees exactly what the previous anonymous visitor of the same address saw, so the
  page's HTML is kept whole (and compressed). Signed-in people share a page with
  those who see the same (by default every signed-in person; members apart where
  members-only things show; nobody for someone whose page is their own, such as
  those who may assess practices), with the account menu left as a hole that is
  filled for each request (``{% account_corner %}``, and only that part compressed
  each time: ``core/gzip_parts.py``). A part of a page that goes out of date more
  often than the rest (a practice's related practices) is a ``PageFragment``: kept
  apart with its own tokens, it alone is rendered again when they change, and the
  page is put together again from its stored parts. A page is stored only if its rendering used no
  CSP nonce, no CSRF token and set no cookie, and only when the visitor has no
  message waiting. Middleware (security headers, CSP, compression) still runs on
  every response.

How it goes out of date: version tokens (``core/cache_versions.py``), random
strings that a change replaces. Each cached thing is stored with the tokens of
what it shows, and is current only while they are:

- one per **row** (``toolkit.practice:42``), replaced when the row is saved or
  deleted, when a many-to-many link of it changes, and when a row that points at
  it by a foreign key changes (a practice's resource, a visit's participant);
- one per **row and kind of rows pointing at it**, for lists that a page keeps apart
  (``cities.organisation:18<toolkit.practice``, ``children_token``): a model names such
  foreign keys and many-to-many fields in ``listed_apart_by``, and a change of its rows
  replaces this token instead of the row's own, for the row pointed at before and after
  (a link added or removed replaces it too). A partner's and a cluster's page show their
  practices in a ``PageFragment`` that depends on it, and so do a practice's related
  practices: an edit of one of them renders that section again, not the page;
- one per **model** (``toolkit.practice``) and one per **app** (``toolkit``),
  replaced by any change of one of their rows;
- one per **app for what counts its rows** (``toolkit#counts``, ``counts_token``),
  replaced by every change of the app's rows but an edit of a ``CountedFieldsModel``
  row that leaves the fields it is counted by alone (a practice's texts, not its
  status, partner or dates): the funder's figures depend on it, not on every edit of
  a practice's texts;
- ``content``, replaced by ``content_changed()``: everything at once.

A page or fragment names what it depends on: the toolkit's list the ``toolkit``
and ``cities`` apps (every practice, organisation and cluster it can show or
count), but its plain pages (newest first, nothing chosen) only the counts token,
the rows of the practices they show and what cards show (their ids are read
before the page is rendered), and a search (with PostgreSQL) the counts token, what
cards show and the tokens of its words, which saving a practice replaces for the words
it had and has (``toolkit/search.py``); a practice's page its own row, the rows of its
clusters (its related practices are theirs), and every model it shows but the practice
model itself. So an edit of practice A renews A's page, the lists and searches showing A
(or showing it now), the pages of its partner and clusters, and the home page, but not
the page of a practice B that shares nothing with A, nor a search that matches neither
A's old texts nor its new ones. When in doubt a page names whole apps: out of date too
often is slower, never wrong.

Changes are seen on the next request. Tokens are replaced when the signal fires
and again when the transaction commits, so a page rendered from not-yet-committed
data in between cannot outlive the commit. A page or fragment is kept with the
tokens read before it was rendered: a change of what it shows while it renders
makes it out of date at once, while other changes (an edit of another practice
at the same moment) leave it current.
``QuerySet.update()``, ``bulk_create()`` and raw SQL send no signal: call
``content_changed()`` after them (with the rows when they are known).

Every key of cached HTML also holds the running release (``core/release.py``): after
an upgrade, nothing an earlier release rendered or pickled is read.

Every server process must see a change at once, or a practice taken offline would
stay public in the others. With one shared cache (Redis, set with ``REDIS_URL``) the
tokens live in it. With each process's own memory (the default without Redis), they
live in small files, ``CONTENT_VERSION_FILE`` and a directory beside it, that every
process of the machine reads: each keeps its own copies of pages, all change keys
together. Several machines need Redis (and they need it anyway for sessions and
rate limits).
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import compress_string

from core import gzip_parts
from core.cache_versions import CONTENT, CONTENT_KEY, EDITS, replace, version, versions
from core.release import code_release

VERSION_KEY = CONTENT_KEY
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
WATCHED_APPS: set[str] = set()
# What a shared page keeps of the view's headers; middleware adds the others each time.
SHARED_HEADERS = ("Content-Type", "Content-Disposition")


# --- Names of tokens ------------------------------------------------------------------


def model_token(model: type[models.Model]) -> str:
    return model._meta.label_lower


def row_token(obj: models.Model) -> str:
    return pk_token(type(obj), obj.pk)


def pk_token(model: type[models.Model], pk: object) -> str:
    """The token of ``model``'s row ``pk``, when only its primary key is known."""
    return f"{model._meta.label_lower}:{pk}"


def row_tokens(objects: Iterable[models.Model]) -> list[str]:
    return [row_token(obj) for obj in objects]


def children_token(model: type[models.Model], pk: object, child: type[models.Model]) -> str:
    """The token of ``child``'s rows that point at ``model``'s row ``pk`` by a foreign key
    or a many-to-many field named in ``child.listed_apart_by`` (a partner's practices, a
    cluster's): replaced, instead of that row's own token, when one of them changes."""
    return f"{pk_token(model, pk)}<{child._meta.label_lower}"


def counts_token(app_label: str) -> str:
    """The token of what counts the app's rows: replaced by every change of them but an
    edit of a ``CountedFieldsModel`` row that leaves its ``counted_fields`` alone (its
    texts). A row added or deleted, or a many-to-many link changed, counts."""
    return f"{app_label}#counts"


def _is_counted(model: type[models.Model]) -> bool:
    return bool(getattr(model, "counted_fields", ()))


def _loaded_value(obj: models.Model, field: models.Field) -> object:
    """``field``'s value when ``obj`` was loaded or last saved, if a counted field; None
    when not known."""
    loaded = getattr(obj, "loaded_counted_value", None)
    return loaded(field.name) if loaded is not None else None


def models_except(*excluded: type[models.Model], app: str) -> list[str]:
    """The model tokens of ``app`` but those of ``excluded``: "whatever else it shows"."""
    skip = {model_token(model) for model in excluded}
    return [
        model_token(model)
        for model in apps.get_app_config(app).get_models()
        if model_token(model) not in skip and not _is_history(model)
    ]


def _is_history(model: type[models.Model]) -> bool:
    # django-simple-history's copies: the row they copy has already said it changed.
    return hasattr(model, "instance_type")


# --- Changes --------------------------------------------------------------------------


def content_version() -> str:
    """The token that ``content_changed()`` replaces."""
    return version(CONTENT)


def content_changed(*rows: models.Model) -> None:
    """Make out of date what shows ``rows``, in every process; without rows, everything."""
    if not rows:
        replace([CONTENT, EDITS])
        return
    replace([name for row in rows for name in changed_by(row, counted=True)])


def changed_by(obj: models.Model, *, links: bool = True, counted: bool | None = None) -> list[str]:
    """The tokens a change of ``obj`` replaces: its app, model and row, the rows it points at.

    ``links``: also the rows it is linked to by its own many-to-many fields (one
    query each), whose pages list it too (a cluster's practices). ``counted``: whether
    what counts its rows changed too (``counts_token``); by default, yes, but for a
    ``CountedFieldsModel`` row none of whose counted fields differs from what was loaded.
    """
    opts = obj._meta
    names = [EDITS, opts.app_label, model_token(type(obj)), row_token(obj)]
    if counted is None:
        counted = not _is_counted(type(obj)) or obj.counted_values_changed()
    if counted:
        names.append(counts_token(opts.app_label))
    listed_apart = getattr(obj, "listed_apart_by", ())
    for field in opts.concrete_fields:
        target = field.related_model if field.is_relation else None
        if target is None or target._meta.app_label not in WATCHED_APPS:
            continue
        value = getattr(obj, field.attname)
        if field.name not in listed_apart:
            if value is not None:
                names.append(pk_token(target, value))
            continue
        # The row it pointed at when loaded too: a practice moved to another partner
        # leaves the first partner's list.
        for pk in {value, _loaded_value(obj, field)} - {None}:
            names.append(children_token(target, pk, type(obj)))
    if links and obj.pk is not None:
        for field in opts.many_to_many:
            target = field.related_model
            if target._meta.app_label in WATCHED_APPS:
                pks = getattr(obj, field.name).values_list("pk", flat=True)
                if field.name in listed_apart:
                    names.extend(children_token(target, pk, type(obj)) for pk in pks)
                else:
                    names.extend(pk_token(target, pk) for pk in pks)
    return names


def _listed_apart_link(through: type[models.Model], *models_linked: type[models.Model]):
    """The many-to-many field whose table is ``through``, if its model lists it apart."""
    for model in models_linked:
        for field in model._meta.many_to_many:
            if field.remote_field.through is through:
                return field if field.name in getattr(model, "listed_apart_by", ()) else None
    return None


class _AtCommit:
    """The tokens to replace again when a transaction commits: each once, however many
    rows the transaction changed (loading the demo data changes hundreds)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def __call__(self) -> None:
        replace(self.names)


def _replace_now_and_at_commit(names: list[str], using: str | None) -> None:
    replace(names)
    connection = connections[using or DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return  # committed already: the replacement above comes after it
    pending = getattr(connection, "_tokens_at_commit", None)
    # A rolled-back transaction (or savepoint) drops its callback: start another.
    if pending is None or not any(item[1] is pending for item in connection.run_on_commit):
        pending = connection._tokens_at_commit = _AtCommit()
        transaction.on_commit(pending, using=connection.alias)
    pending.names.update(names)


def tokens_changed(names: Iterable[str], using: str | None = None) -> None:
    """Replace ``names`` now and again when the transaction commits, as a save does: for
    what a model's own signals say its rows changed besides ``changed_by()``."""
    _replace_now_and_at_commit(list(names), using)


def _watched(model: type[models.Model]) -> bool:
    return model._meta.app_label in WATCHED_APPS and not _is_history(model)


def _row_saved(sender, instance, using=None, **kwargs) -> None:
    if _watched(sender):
        _replace_now_and_at_commit(changed_by(instance), using)
        if _is_counted(sender):
            instance.remember_counted_values()  # what the next save compares with


def _row_deleting(sender, instance, **kwargs) -> None:
    # Its many-to-many links are gone after the delete: read them before.
    if _watched(sender):
        instance._cache_changed = changed_by(instance, counted=True)


def _row_deleted(sender, instance, using=None, **kwargs) -> None:
    if _watched(sender):
        names = getattr(instance, "_cache_changed", None) or changed_by(
            instance, links=False, counted=True
        )
        _replace_now_and_at_commit(names, using)


def _link_changed(sender, instance, action, model, pk_set, using=None, **kwargs) -> None:
    """A link added or removed changes both rows (their pages list each other)."""
    if not _watched(sender) or action.startswith("pre_"):  # m2m_changed fires twice
        return
    if action == "post_clear":  # which rows were linked is no longer known
        _replace_now_and_at_commit([CONTENT, EDITS], using)
        return
    label = model._meta.label_lower
    names = [
        *changed_by(instance, links=False, counted=True),
        model._meta.app_label,
        label,
        *(f"{label}:{pk}" for pk in pk_set or ()),
    ]
    names.append(counts_token(model._meta.app_label))
    # A link listed apart (a practice's clusters): the lists of the rows linked to.
    field = _listed_apart_link(sender, type(instance), model)
    if field is not None:
        linked = (pk_set or ()) if isinstance(instance, field.model) else [instance.pk]
        names.extend(children_token(field.related_model, pk, field.model) for pk in linked)
    _replace_now_and_at_commit(names, using)


def watch(app_config: AppConfig) -> None:
    """Make cached content out of date whenever a row of this app changes."""
    WATCHED_APPS.add(app_config.label)
    post_save.connect(_row_saved, dispatch_uid="core.cache.post_save")
    pre_delete.connect(_row_deleting, dispatch_uid="core.cache.pre_delete")
    post_delete.connect(_row_deleted, dispatch_uid="core.cache.post_delete")
    m2m_changed.connect(_link_changed, dispatch_uid="core.cache.m2m_changed")


def every_app() -> list[str]:
    return sorted(WATCHED_APPS)


# --- Fragments ------------------------------------------------------------------------


def fragment_key(
    name: str,
    *vary: object,
    depends_on: Sequence[str] | None = None,
    current: dict[str, str] | None = None,
) -> str:
    """The key ``{% cache %}`` would use for ``name``, varied by language and the tokens.

    ``depends_on``: the tokens the fragment shows (default: every watched app);
    ``content`` is always one of them. ``current``: the tokens, when read already.
    """
    names = [CONTENT, *(every_app() if depends_on is None else depends_on)]
    if current is None:
        current = versions(names)
    return content_key(name, [translation.get_language(), *(current[n] for n in names), *vary])


def content_key(name: str, vary: Sequence[object]) -> str:
    """The key of cached HTML named ``name``, varied by ``vary`` and by the running release
    (``core/release.py``): what an earlier release wrote is never read by this one."""
    return make_template_fragment_key(name, [code_release(), *vary])


def cached_fragment[T](
    name: str,
    build: Callable[[], T],
    *vary: object,
    depends_on: Sequence[str] | None = None,
    current: dict[str, str] | None = None,
) -> T:
    """``build()``'s result, from the cache when the same fragment was built since the last change.

    ``vary`` must hold everything the fragment depends on besides the language
    and the content (the address, today's date…); ``depends_on`` the tokens of
    that content (default: every watched app). The tokens are read before
    ``build()`` runs: a change meanwhile makes the result out of date at once.
    Nothing personal may go in a fragment: it is shared by every visitor.
    ``current``: the tokens, when read already.
    """
    key = fragment_key(name, *vary, depends_on=depends_on, current=current)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def _row_keys(
    name: str, model: type[models.Model], pks: Sequence[object], depends_on: Sequence[str]
) -> list[str]:
    """The cache key of each row's HTML: its language, its row's token and ``depends_on``'s."""
    shared = [CONTENT, *depends_on]
    current = versions([*shared, *(pk_token(model, pk) for pk in pks)])
    common = [translation.get_language(), *(current[n] for n in shared)]
    return [content_key(name, [*common, pk, current[pk_token(model, pk)]]) for pk in pks]


def cached_rows[R: models.Model](
    name: str,
    rows: Sequence[R],
    render: Callable[[Sequence[R]], list[str]],
    *,
    depends_on: Sequence[str] = (),
) -> list[str]:
    """The HTML of each row, rendered once per version of the row (and of ``depends_on``).

    ``render`` receives the rows missing from the cache and returns their HTML in
    the same order. Two round trips to the cache for a whole list, whatever its length.
    """
    if not rows:
        return []
    keys = _row_keys(name, type(rows[0]), [row.pk for row in rows], depends_on)
    found = cache.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in found]
    if missing:
        rendered = render([rows[index] for index in missing])
        fresh = {keys[index]: html for index, html in zip(missing, rendered, strict=True)}
        cache.set_many(fresh, settings.CONTENT_CACHE_SECONDS)
        found.update(fresh)
    return [found[key] for key in keys]


class CachedRow:
    """A row whose HTML came from the cache: its primary key and that HTML, nothing read."""

    def __init__(self, pk: object) -> None:
        self.pk = pk


def with_row_html[R: models.Model](
    rows: Iterable[R] | QuerySet[R],
    *,
    name: str,
    template: str,
    as_name: str,
    depends_on: Sequence[str],
    read: QuerySet[R] | Callable[[], QuerySet[R]] | None = None,
    prepare: Callable[[Sequence[R]], object] | None = None,
) -> list[R | CachedRow]:
    """``rows``, each with its HTML (``template``, the row as ``as_name``) on ``row.<name>``.

    Rendered once per version of the row and reused by every list showing it.
    ``rows`` is one of:

    - model instances, read already: only the missing HTML is rendered;
    - a QuerySet: its ids are read first (in its order, with its slice), then only
      the rows whose HTML the cache lacks are read whole, from the same QuerySet;
    - ids, with ``read`` the QuerySet to read the missing rows from, or the manager's
      method returning it (``Practice.objects.for_cards``), called only when a row is
      missing: building a QuerySet of annotations costs a millisecond.

    With a QuerySet or ids, a row found in the cache comes back as a ``CachedRow``:
    after an edit, a list of twenty reads and renders one row, not twenty. A row
    deleted between the two reads is left out.

    ``prepare`` is given the rows to render, before they are: to read at once, for those
    rows only, what their template shows of other tables.
    """
    compiled = get_template(template)

    def render(missing: Sequence[R]) -> list[str]:
        if prepare is not None:
            prepare(missing)
        return [compiled.render({as_name: row}) for row in missing]

    if isinstance(rows, QuerySet) or read is not None:
        if isinstance(rows, QuerySet):
            read = rows
            pks = list(rows.prefetch_related(None).values_list("pk", flat=True))
        else:
            pks = list(rows)
        return _read_when_missing(pks, read, name=name, render=render, depends_on=depends_on)
    rows = list(rows)
    for row, html in zip(rows, cached_rows(name, rows, render, depends_on=depends_on), strict=True):
        setattr(row, name, mark_safe(html))  # noqa: S308 - rendered by the row's template
    return rows


def _read_when_missing[R: models.Model](
    pks: list,
    read: QuerySet[R] | Callable[[], QuerySet[R]],
    *,
    name: str,
    render: Callable[[Sequence[R]], list[str]],
    depends_on: Sequence[str],
) -> list[R | CachedRow]:
    if not pks:
        return []
    # A QuerySet or a manager has a model; a manager's method, its manager's.
    model = read.__self__.model if callable(read) else read.model
    keys = _row_keys(name, model, pks, depends_on)
    found = cache.get_many(keys)
    missing = [pk for pk, key in zip(pks, keys, strict=True) if key not in found]
    whole: dict = {}
    if missing:
        query = (read() if callable(read) else read).all()
        query.query.clear_limits()
        query.query.clear_ordering(force=True)
        whole = {row.pk: row for row in query.filter(pk__in=missing)}
        keyed = dict(zip(pks, keys, strict=True))
        fresh_rows = [whole[pk] for pk in missing if pk in whole]
        fresh = {
            keyed[row.pk]: html for row, html in zip(fresh_rows, render(fresh_rows), strict=True)
        }
        cache.set_many(fresh, settings.CONTENT_CACHE_SECONDS)
        found.update(fresh)
    result: list[R | CachedRow] = []
    for pk, key in zip(pks, keys, strict=True):
        if key not in found:
            continue  # deleted since its id was read
        row = whole.get(pk) or CachedRow(pk)
        setattr(row, name, mark_safe(found[key]))  # noqa: S308 - rendered by the row's template
        result.append(row)
    return result


def query_string(request: HttpRequest) -> str:
    """The query string in a fixed order, for keys: ``b=1&a=2`` gives ``a=2&b=1``."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


# --- Parts of pages that go out of date on their own -------------------------------------


FRAGMENT_START = "<!--values:fragment-->"
FRAGMENT_END = "<!--values:/fragment-->"


@dataclass
class PageFragment:
    """A part of a shared page with its own tokens, rendered again without the page.

    ``build(*vary)`` returns the part's HTML; it must depend only on ``vary``, the
    language and ``depends_on``'s tokens (a module-level function: the fragment is
    stored with the page). A practice's page changes when the practice does; its
    related practices change whenever a practice sharing one of its clusters does,
    about every other edit at 10,000 practices: only they are rendered again then.
    """

    name: str
    build: Callable[..., str]
    vary: tuple
    depends_on: tuple[str, ...]
    # The tokens it was built with: it is current while they are.
    tokens: dict[str, str] = dataclass_field(default_factory=dict, compare=False)

    @property
    def token_names(self) -> list[str]:
        return [CONTENT, *self.depends_on]

    def is_current(self, current: dict[str, str]) -> bool:
        """Whether it is current, given the tokens read (``current`` holds ``token_names``)."""
        return all(current[name] == token for name, token in self.tokens.items())

    def html(self, current: dict[str, str] | None = None) -> str:
        """The part's HTML, from the cache when built since its tokens last changed.

        ``current``: its tokens when read already (before it is built, as here)."""
        names = self.token_names
        if current is None:
            current = versions(names)
        self.tokens = {name: current[name] for name in names}
        return cached_fragment(
            self.name,
            lambda: self.build(*self.vary),
            *self.vary,
            depends_on=self.depends_on,
            current=current,
        )

    def marked(self) -> str:
        """The HTML as a page template prints it: marked, so the page can be stored in parts."""
        return mark_safe(f"{FRAGMENT_START}{self.html()}{FRAGMENT_END}")  # noqa: S308 - built HTML


def _without_fragment_marks(content: bytes) -> bytes:
    return content.replace(FRAGMENT_START.encode(), b"").replace(FRAGMENT_END.encode(), b"")


# --- Whole pages for anonymous visitors -------------------------------------------------


ACCOUNT_CORNER = "<!--values:account-corner-->"
ACCOUNT_CORNER_TEMPLATE = "includes/_account_nav.html"


def account_corner_hole(request: HttpRequest) -> bool:
    """Whether ``{% account_corner %}`` leaves a hole (a shared page for signed-in people)."""
    return getattr(request, "_account_corner_hole", False)


# Stands for the sign-out form's CSRF token in a stored account corner: each request's own.
CSRF_PLACEHOLDER = "values-csrf-token-of-this-request"


def account_corner_html(request: HttpRequest) -> str:
    """The account menu of ``request``'s person, rendered once per person and state.

    What the menu shows of a member or an editor depends on their memberships (the
    ``cities`` app) and on the page (which link is current); it is kept per person,
    the CSRF token of its sign-out form put in for each request. Staff are rendered
    each time: being a coordinator is a group, which no token watches. Only that
    person's requests read the entry (its key holds their id).
    """
    user = request.user
    if user.is_staff or user.is_superuser:
        return render_to_string(ACCOUNT_CORNER_TEMPLATE, request=request)
    match = request.resolver_match
    corner = kept_for_person(
        "account-corner",
        user,
        lambda: render_to_string(
            ACCOUNT_CORNER_TEMPLATE, {"csrf_token": CSRF_PLACEHOLDER}, request=request
        ),
        match.namespace if match else "",
        match.url_name if match else "",
        depends_on=["cities"],
    )
    return corner.replace(CSRF_PLACEHOLDER, get_token(request), 1)


def kept_for_person[T](
    name: str, user, build: Callable[[], T], *vary: object, depends_on: Sequence[str]
) -> T:
    """``build()``'s result for ``user``, kept until what it depends on changes.

    For what a shared page asks about the person reading it (their roles, their
    menu): ``depends_on`` must name the tokens of every row the answer reads (their
    memberships are in ``cities``). Only this person's requests read the entry (its
    key holds their id); staff, whose roles are groups no token watches, must not
    use it.
    """
    key = fragment_key(name, user.pk, *vary, depends_on=depends_on)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def page_fragment(request: HttpRequest, fragment: PageFragment) -> str:
    """``fragment``'s HTML for a page's template: marked when the page may be stored in
    parts (``SharedPageCacheMixin``), so that it alone is rendered again when it changes."""
    kept = getattr(request, "_page_fragments", None)
    if kept is None:
        return mark_safe(fragment.html())  # noqa: S308 - built HTML
    kept.append(fragment)
    return fragment.marked()


@dataclass
class _StoredPage:
    """A shared page as the cache keeps it: its tokens, and its pieces, each compressed
    once: what every visitor of its audience sees, the parts of its fragments, and
    (``None``) the hole of the account corner, filled for each request."""

    tokens: dict[str, str]
    pieces: list[gzip_parts.Part | int | None]  # an int: the part of that fragment
    fragments: list[PageFragment]
    fragment_parts: list[gzip_parts.Part]
    headers: dict[str, str]
    # For anonymous visitors: the whole page, plain and compressed, sent as it is.
    whole: tuple[bytes, bytes] | None = None

    @classmethod
    def of(
        cls,
        content: bytes,
        tokens: dict[str, str],
        fragments: list[PageFragment],
        headers: dict[str, str],
        *,
        whole: bool,
    ) -> "_StoredPage | None":
        """The page ``content`` rendered with ``fragments`` marked in it; None when they
        cannot be found in it, one each (such a page is not kept)."""
        start, end = FRAGMENT_START.encode(), FRAGMENT_END.encode()
        texts, rendered = [], []
        rest = content
        while start in rest:
            text, _start, rest = rest.partition(start)
            inner, found, rest = rest.partition(end)
            if not found:
                return None
            texts.append(text)
            rendered.append(inner)
        texts.append(rest)
        if len(rendered) != len(fragments):
            return None
        pieces: list[gzip_parts.Part | int | None] = []
        if fragments or not whole:
            for index, text in enumerate(texts):
                if index:
                    pieces.append(index - 1)
                before, corner, after = (
                    (text, b"", b"") if whole else text.partition(ACCOUNT_CORNER.encode())
                )
                pieces.append(gzip_parts.part(before))
                if corner:
                    pieces += [None, gzip_parts.part(after)]
        page = cls(tokens, pieces, fragments, [gzip_parts.part(html) for html in rendered], headers)
        if whole and fragments:
            page._put_together()
        elif whole:
            page.whole = (content, compress_string(content))
        return page

    def token_names(self) -> list[str]:
        """The tokens of the page and of its fragments, to be read at once."""
        names = list(self.tokens)
        for fragment in self.fragments:
            names.extend(fragment.token_names)
        return names

    def is_current(self, current: dict[str, str]) -> bool:
        """Whether the page but its fragments is current (``current``: ``token_names()``)."""
        return all(current[name] == token for name, token in self.tokens.items())

    def renew_fragments(self, current: dict[str, str]) -> bool:
        """Render again the fragments whose tokens changed; whether there were any."""
        renewed = False
        for index, fragment in enumerate(self.fragments):
            if not fragment.is_current(current):
                self.fragment_parts[index] = gzip_parts.part(fragment.html(current).encode())
                renewed = True
        if renewed and self.whole is not None:
            self._put_together()
        return renewed

    def _put_together(self) -> None:
        """The whole page for anonymous visitors, from its parts, compressed already."""
        parts = self._parts(None)
        self.whole = (b"".join(piece.raw for piece in parts), gzip_parts.join(parts))

    def response(
        self, request: HttpRequest, corner: Callable[[HttpRequest], gzip_parts.Part]
    ) -> HttpResponse:
        compressed = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        if self.whole is not None:
            content = self.whole[1] if compressed else self.whole[0]
        else:
            parts = self._parts(lambda: corner(request))
            # Only the account corner is compressed for this request.
            content = gzip_parts.join(parts) if compressed else b"".join(p.raw for p in parts)
        response = HttpResponse(content, headers=self.headers)
        if compressed:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        return response

    def _parts(self, corner: Callable[[], gzip_parts.Part] | None) -> list[gzip_parts.Part]:
        return [
            self.fragment_parts[piece]
            if isinstance(piece, int)
            else (corner() if piece is None else piece)
            for piece in self.pieces
        ]


class SharedPageCacheMixin:
    """Serve a page rendered for an earlier visitor who would have seen the same.

    For views whose page depends only on the address, the language, the watched
    content and the *audience*: anonymous visitors share one copy; signed-in people
    share one copy per ``cache_audience()`` ("signed-in" by default; a page showing
    members-only things says "member" or "signed-in"; ``None`` for someone whose
    page is their own), with the account corner, the one personal part of the
    layout, left as a hole and rendered for each request (``{% account_corner %}``).

    Set ``shared_page_daily`` when the page also depends on today's date ("upcoming"
    and "past" visits). ``cache_depends_on`` names the tokens of what the page shows
    (default: every watched app), or ``cache_dependencies()`` when they depend on the
    row shown (``SharedDetailPageCacheMixin``: the row is found first).

    The tokens are read before the page is rendered and kept with it, as a
    fragment's are: a change of one of them while the page renders makes it out of
    date at once, and changes of anything else leave it current. (Tokens read only
    after the rendering could be newer than what the page shows: such a page is
    kept only if nothing at all changed meanwhile, the ``edits`` token.)

    The anonymous page is kept compressed too, and sent so to browsers that accept
    gzip: GZipMiddleware then leaves it alone instead of compressing it on every
    request. It holds no secret, so there is nothing for BREACH to guess.
    """

    shared_page_daily = False
    cache_depends_on: Sequence[str] | None = None

    def cache_dependencies(self) -> Iterable[str]:
        return every_app() if self.cache_depends_on is None else self.cache_depends_on

    def cache_dependencies_before_rendering(self) -> Iterable[str] | None:
        """``cache_dependencies()`` when it is known before the page is rendered, else None."""
        return self.cache_dependencies()

    def cache_audience(self, request: HttpRequest) -> str | None:
        """Which signed-in people see the same page as this one; ``None``: nobody else."""
        return "signed-in"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        audience = self._audience(request)
        if audience is None:
            return super().dispatch(request, *args, **kwargs)
        vary = [translation.get_language(), request.build_absolute_uri(), audience]
        if self.shared_page_daily:
            vary.append(timezone.localdate().isoformat())
        key = content_key("shared-page", vary)
        stored = cache.get(key)
        # (An entry of another shape, kept by an earlier release in a shared cache, is
        # rendered again.)
        if isinstance(stored, _StoredPage):
            # The page's tokens and its fragments', read at once.
            current = versions(stored.token_names())
            if stored.is_current(current):
                if stored.renew_fragments(current):
                    cache.set(key, stored, settings.CONTENT_CACHE_SECONDS)
                return stored.response(request, self._corner_part)
        names = self.cache_dependencies_before_rendering()
        if names is None:
            edits = version(EDITS)
        else:
            before = versions([CONTENT, *names])
        request._account_corner_hole = bool(audience)
        request._page_fragments = fragments = []
        try:
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if hasattr(response, "render"):
                response.render()
        finally:
            request._account_corner_hole = False
            del request._page_fragments
        if self._is_shareable(request, response):
            if names is None:
                tokens = versions([EDITS, CONTENT, *self.cache_dependencies()])
                # A change during the rendering: this page may show some of it, or not.
                keep = tokens.pop(EDITS) == edits
            else:
                tokens, keep = before, True
            headers = {name: response[name] for name in SHARED_HEADERS if response.has_header(name)}
            page = _StoredPage.of(response.content, tokens, fragments, headers, whole=not audience)
            if keep and page is not None:
                cache.set(key, page, settings.CONTENT_CACHE_SECONDS)
                # Sent as the next visitor will get it: compressed once, not again by
                # GZipMiddleware.
                return page.response(request, self._corner_part)
        if not response.streaming:
            content = _without_fragment_marks(response.content) if fragments else response.content
            response.content = self._with_account_corner(request, content) if audience else content
        return response

    def _audience(self, request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or len(messages.get_messages(request)):
            return None
        if not request.user.is_authenticated:
            return ""
        return self.cache_audience(request)

    @staticmethod
    def _account_corner(request: HttpRequest) -> bytes:
        return account_corner_html(request).encode()

    @classmethod
    def _with_account_corner(cls, request: HttpRequest, content: bytes) -> bytes:
        marker = ACCOUNT_CORNER.encode()
        if marker not in content:
            return content
        return content.replace(marker, cls._account_corner(request), 1)

    @classmethod
    def _corner_part(cls, request: HttpRequest) -> gzip_parts.Part:
        return gzip_parts.part(cls._account_corner(request))

    @staticmethod
    def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
        """Nothing in the page belongs to this request alone."""
        return (
            not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            # A LazyNonce is true once a template has used it.
            and not get_nonce(request)
        )


class SharedDetailPageCacheMixin(SharedPageCacheMixin):
    """A detail page whose ``cache_dependencies()`` name its row (``self.object``): the
    row is found before the page is rendered, once, so that the tokens can be read
    before it too. Only for a view with no check before ``get_object()`` (none runs
    between this mixin's ``dispatch`` and the view's)."""

    def cache_dependencies_before_rendering(self) -> Iterable[str]:
        self.object = self._found_first = self.get_object()
        return self.cache_dependencies()

    def get_object(self, queryset=None):
        found = getattr(self, "_found_first", None)
        if found is not None and queryset is None:
            return found
        return super().get_object(queryset)

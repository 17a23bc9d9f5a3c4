"""PostgreSQL plans a query the portal repeats once per connection, but a full-text search.

With ``DATABASE_PREPARED_STATEMENTS`` (values_portal/settings.py), psycopg prepares a
query after it has run five times on a connection, and PostgreSQL may then keep one
generic plan for it, made without the values. For a page's lookups by id or slug that
is the same plan, made once. For a search it is not: how many practices a word matches
decides the plan (the index for a rare word, a scan for a common one), and a generic
plan was a third slower for "homework" at 100,000 practices (36 ms against 25). A
statement with a full-text match (``@@``) is therefore never prepared: each search is
planned for its own words.
"""

import functools

from django.db.backends.signals import connection_created

FULL_TEXT_MATCH = "@@"


@functools.cache
def _planned_per_search(cursor_class: type) -> type:
    class Cursor(cursor_class):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            if prepare is None and isinstance(query, str) and FULL_TEXT_MATCH in query:
                prepare = False
            return super().execute(query, params, prepare=prepare, binary=binary)

    Cursor.__name__ = Cursor.__qualname__ = f"PlannedPerSearch{cursor_class.__name__}"
    return Cursor


def plan_searches_apart(sender, connection, **kwargs) -> None:
    """``connection_created``: on a connection that prepares statements, its cursors
    leave full-text searches unprepared."""
    if connection.vendor != "postgresql":
        return
    raw = connection.connection
    if getattr(raw, "prepare_threshold", None) is None:
        return
    raw.cursor_factory = _planned_per_search(raw.cursor_factory)


def watch_connections() -> None:
    connection_created.connect(plan_searches_apart, dispatch_uid="core.database")

"""A moderator's standing, read once a request in one statement: their permissions, whether
they hold a second factor, and how many items wait for the navigation badge.

Every page a moderator opens asked the database three to five times for these: Django's
permission backend reads the member's own permissions and their groups' (two queries, the first
time `has_perm` is called in a request), the second-factor gate reads their authenticators, and
the badge counts the queue. On PostgreSQL each query is a round trip of about a millisecond. Here
one statement, compiled once per process (kindness.statements), answers all of them, and the
permissions it read are handed to Django's backend as the set it would have read itself
(ModelBackend keeps them on the user as `_perm_cache`, for the rest of the request), so
`has_perm`, `permission_required` and the admin still decide with Django's own code.

The permissions and the factor are read on every request: the user object is loaded afresh for
each one. The badge's counts are the same for every moderator: the process keeps the last ones
it read with the queue version (moderation.queue_version), and while the version reads the same
the statement leaves them out; once it has moved on, or a suspension has run out, a second
statement counts them again. Never inside a transaction, which could read its own writes and
then roll them back: there they are counted with the rest, every time.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import CharField, Value
from django.db.models.functions import Now
from django.utils import timezone

from kindness.statements import Statement, as_datetime, constants_written_in, prepared_cursor
from moderation import queue_version
from moderation.models import Suspension
from moderation.queue import BADGE_LIMIT, FLAGGED_COUNTED, badge_count_parts

# Recovery codes alone are no second factor: they only back up one of these.
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

# Marker rows beside the (app_label, codename) pairs: an app label is an identifier, never "~".
_FACTOR = "~factor"
_VERSION = "~version"
# The badge's counts: the items waiting and the flagged stories, in one row.
_COUNTS = "~counts"
# The soonest end of a suspension in force, if any: the counts change then with no write.
_ENDS = "~ends"


@dataclass(frozen=True)
class _Counts:
    items: int
    flagged: int
    # The queue version they were read with (None: the database has no version row) and the
    # moment they stop holding (None: no suspension in force runs out).
    version: int | None
    ends: datetime | None

    def hold(self, version: int | None) -> bool:
        return (
            version is not None
            and version == self.version
            and (self.ends is None or timezone.now() < self.ends)
        )


# The badge's counts as this process last read them, outside a transaction.
_kept: _Counts | None = None


@dataclass(frozen=True)
class Standing:
    permissions: frozenset[str]  # "app_label.codename", as ModelBackend names them
    has_second_factor: bool
    waiting: int  # items for the badge, counted up to BADGE_LIMIT + 1
    # Stories and edits waiting, each kind counted up to BADGE_LIMIT + 1, so exact up to
    # BADGE_LIMIT: the queue's first page takes its heading's count from here.
    items: int
    # Live stories with open flags, counted up to FLAGGED_COUNTED + 1: the queue's notice takes
    # it from here rather than count them again.
    flagged: int
    # The queue version these counts hold for, outside a transaction (else None): other counts
    # of the queue read in this request may be kept under it (moderation.queue_pages).
    queue_version: int | None = None


def _pairs(user_id):
    # ModelBackend's two reads (_get_user_permissions, _get_group_permissions) and allauth's
    # is_mfa_enabled(types=FACTORS), as one UNION.
    def permissions(**member):
        return (
            Permission.objects.filter(**member)
            .values_list("content_type__app_label", "codename")
            .order_by()
        )

    factor = (
        Authenticator.objects.filter(user_id=user_id, type__in=FACTORS)
        .values_list(Value(_FACTOR, output_field=CharField()), Value("", output_field=CharField()))
        .order_by()
    )
    return permissions(user=user_id).union(permissions(group__user=user_id), factor).order_by()


@functools.cache
def _statements() -> tuple[Statement, Statement, str, tuple]:
    """The standing without the counts, the standing with them, and the counts alone, with the
    parameters the counts take (none on PostgreSQL, where their constants are written in).
    Built at first use: the counts' SQL needs the ORM, not ready at import."""
    (stories, in_stories), (edits, in_edits), (flagged, in_flagged) = badge_count_parts(
        connection.alias, flagged_up_to=FLAGGED_COUNTED
    )
    ends, in_ends = (
        Suspension.objects.filter(ended_at__isnull=True, until__gt=Now())
        .order_by("until")
        .values("until")[:1]
        .query.sql_with_params()
    )
    version = (
        f"SELECT '{_VERSION}', CAST(version AS VARCHAR(20)) FROM {queue_version.TABLE} WHERE id = 1"
    )
    # The waiting items are counted once, in a derived table.
    counts, params = constants_written_in(
        connection,
        f"{version} UNION ALL SELECT '{_COUNTS}', CAST(w.n AS VARCHAR(20)) || ' ' ||"
        f" CAST({flagged} AS VARCHAR(20)) FROM (SELECT {stories} + {edits} AS n) w"
        f" UNION ALL SELECT '{_ENDS}', CAST(({ends}) AS VARCHAR(40))",
        # In the order the SQL takes them.
        (*in_flagged, *in_stories, *in_edits, *in_ends),
    )
    # Braces in the counts' SQL are text, not format fields.
    escaped = {
        "version": version.replace("{", "{{").replace("}", "}}"),
        "counts": counts.replace("{", "{{").replace("}", "}}"),
    }
    without = Statement(_pairs, wrap="{} UNION ALL " + escaped["version"], user_id=int)
    with_counts = Statement(_pairs, wrap="{} UNION ALL " + escaped["counts"], user_id=int)
    return without, with_counts, counts, params


def _counts(marks: dict, version: int | None) -> _Counts:
    items, flagged = map(int, marks[_COUNTS].split())
    return _Counts(items, flagged, version, as_datetime(marks[_ENDS]))


def _read(user) -> tuple[list[tuple], _Counts]:
    """The standing's rows and the badge's counts: kept ones while they hold, else read."""
    global _kept
    without, with_counts, counts_sql, params = _statements()
    kept, in_transaction = _kept, connection.in_atomic_block
    if kept is None or in_transaction:
        rows = with_counts.rows(user_id=user.pk, extra=params)
    else:
        rows = without.rows(user_id=user.pk)
    marks = {app: value for app, value in rows if app.startswith("~")}
    version = int(marks[_VERSION]) if _VERSION in marks else None
    if _COUNTS in marks:
        counted = _counts(marks, version)
    elif kept.hold(version):
        return rows, kept
    else:
        with prepared_cursor(connection) as cursor:
            cursor.execute(counts_sql, params)
            marks = dict(cursor.fetchall())
        version = int(marks[_VERSION]) if _VERSION in marks else None
        counted = _counts(marks, version)
    if version is None:
        # An emptied database: put the row back, so the triggers move it from now on, and forget
        # counts kept with the emptied row's versions, which the new row will read again.
        with connection.cursor() as cursor:
            queue_version.put_back(cursor)
        _kept = None
    elif not in_transaction:
        _kept = counted
    return rows, counted


def standing(user) -> Standing:
    """The signed-in `user`'s standing, read at the first call of a request."""
    found = getattr(user, "_moderation_standing", None)
    if found is not None:
        return found
    rows, counts = _read(user)
    permissions = frozenset(f"{app}.{code}" for app, code in rows if not app.startswith("~"))
    found = Standing(
        permissions=permissions,
        has_second_factor=any(app == _FACTOR for app, _ in rows),
        waiting=min(counts.items + counts.flagged, BADGE_LIMIT + 1),
        items=counts.items,
        flagged=counts.flagged,
        queue_version=None if connection.in_atomic_block else counts.version,
    )
    user._moderation_standing = found
    # What ModelBackend.get_all_permissions would have read and kept (an inactive member has
    # none there, a superuser every one, without asking): it finds it and asks no more.
    if user.is_active and not user.is_superuser and not hasattr(user, "_perm_cache"):
        user._perm_cache = set(permissions)
    return found

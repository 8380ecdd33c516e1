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

Nothing outlives the request: the user object is loaded afresh for each one.
"""

import functools
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import CharField, Value

from kindness.statements import Statement, constants_written_in
from moderation.queue import BADGE_LIMIT, FLAGGED_COUNTED, badge_count_parts

# Recovery codes alone are no second factor: they only back up one of these.
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

# Marker rows beside the (app_label, codename) pairs: an app label is an identifier, never "~".
_FACTOR = "~factor"
# One row for the badge: its second column holds the items waiting and the flagged stories.
_COUNTS = "~counts"
# The flagged stories were not counted (the badge was full without them).
_UNCOUNTED = -1


@dataclass(frozen=True)
class Standing:
    permissions: frozenset[str]  # "app_label.codename", as ModelBackend names them
    has_second_factor: bool
    waiting: int  # items for the badge, counted up to BADGE_LIMIT + 1
    # Stories and edits waiting, each kind counted up to BADGE_LIMIT + 1, so exact up to
    # BADGE_LIMIT: the queue's first page takes its heading's count from here.
    items: int
    # Live stories with open flags, counted up to FLAGGED_COUNTED + 1, when fewer than
    # BADGE_LIMIT items wait (else None): the queue's notice takes it from here rather than
    # count them again.
    flagged: int | None


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
def _statement() -> tuple[Statement, tuple]:
    """The statement and the parameters its badge counts take (none on PostgreSQL, where their
    constants are written in). Built at first use: the badge's SQL needs the ORM, not ready at
    import."""
    # The badge's counts as one more row, so a member with no
    # permission still gets them. The flagged stories (an index probe each) are counted only
    # when the badge is not full already: past BADGE_LIMIT waiting it says "99+" without them.
    (stories, in_stories), (edits, in_edits), (flagged, in_flagged) = badge_count_parts(
        connection.alias, flagged_up_to=FLAGGED_COUNTED
    )
    # The waiting items are counted once, in a derived table both values read.
    counts, params = constants_written_in(
        connection,
        f" UNION ALL SELECT '{_COUNTS}', CAST(w.n AS VARCHAR(20)) || ' ' ||"
        f" CAST(CASE WHEN w.n > {BADGE_LIMIT} THEN {_UNCOUNTED} ELSE {flagged} END AS VARCHAR(20))"
        f" FROM (SELECT {stories} + {edits} AS n) w",
        # In the order the SQL takes them: the flagged stories' come first.
        (*in_flagged, *in_stories, *in_edits),
    )
    # Braces in the counts' SQL are text, not format fields.
    wrap = "{}" + counts.replace("{", "{{").replace("}", "}}")
    return Statement(_pairs, wrap=wrap, user_id=int), params


def standing(user) -> Standing:
    """The signed-in `user`'s standing, read at the first call of a request."""
    found = getattr(user, "_moderation_standing", None)
    if found is not None:
        return found
    statement, badge_params = _statement()
    rows = statement.rows(user_id=user.pk, extra=badge_params)
    permissions = frozenset(f"{app}.{code}" for app, code in rows if not app.startswith("~"))
    items, flagged = map(int, next(counts for app, counts in rows if app == _COUNTS).split())
    found = Standing(
        permissions=permissions,
        has_second_factor=any(app == _FACTOR for app, _ in rows),
        waiting=min(items + max(flagged, 0), BADGE_LIMIT + 1),
        items=items,
        flagged=None if flagged == _UNCOUNTED else flagged,
    )
    user._moderation_standing = found
    # What ModelBackend.get_all_permissions would have read and kept (an inactive member has
    # none there, a superuser every one, without asking): it finds it and asks no more.
    if user.is_active and not user.is_superuser and not hasattr(user, "_perm_cache"):
        user._perm_cache = set(permissions)
    return found

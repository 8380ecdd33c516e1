"""The session and the signed-in member, read together by one statement built once per process.

Every signed-in request reads its session row and its member. Django builds both querysets afresh
each time, which cost several times the queries themselves (kindness.statements), and on
PostgreSQL each query is a round trip to another process (about a millisecond here). These are
Django's own database sessions and authentication with only that changed: the session row keeps
its member's id in a column of its own (kindness.models.MemberSession), so one statement reads the
row, with the same expiry rule (against the database's clock), and joins the member. The same
backend, `is_active` and session-hash checks then run on that member, so a password change or a
log-out elsewhere ends a session at the very next request, in any process.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db.models import Subquery
from django.db.models.functions import Now
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from kindness.statements import Statement


def _member_fields() -> list[str]:
    from accounts.models import User

    return [field.attname for field in User._meta.concrete_fields]


def _session_query(*, key: str):
    from kindness.models import MemberSession
    from stories.models import ContentVersion

    joined = [f"member__{name}" for name in _member_fields()]
    versions = ContentVersion.objects.filter(pk=1)
    return MemberSession.objects.filter(session_key=key, expire_date__gt=Now()).values(
        "session_data",
        *joined,
        content_version=Subquery(versions.values("version")),
        practices_version=Subquery(versions.values("practices_version")),
    )


# The session row, through a LEFT JOIN the member it names, and the content and practices
# versions every reader page reads next (stories.caching): one round trip.
_SESSION = Statement(_session_query, key=str)


def _member_query(*, pk: int):
    from accounts.models import User

    fields = [field.attname for field in User._meta.concrete_fields]
    return User._default_manager.filter(pk=pk).values(*fields)


_MEMBER = Statement(_member_query, pk=int)


class SessionStore(db.SessionStore):
    """SESSION_ENGINE = "kindness.signed_in": database sessions read with their member by one
    prebuilt query."""

    # The member read with the session by the last load(), or None.
    joined_member = None
    # The content and practices versions (stories.freshness.Versions) read with the session by
    # the last load(), or None.
    versions = None

    @classmethod
    def get_model_class(cls):
        from kindness.models import MemberSession

        return MemberSession

    def load(self) -> dict:
        self.joined_member = self.versions = None
        found = None
        if self.session_key is not None:
            found = _SESSION.row(key=self.session_key)
        if found is None:
            self._session_key = None
            return {}
        self.joined_member = _joined_member(found)
        if found["content_version"] is not None:
            from stories.freshness import Versions

            self.versions = Versions(found["content_version"], found["practices_version"])
        return self.decode(found["session_data"])

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.member_id = _member_pk(data.get(auth.SESSION_KEY))
        return session

    async def acreate_model_instance(self, data):
        session = await super().acreate_model_instance(data)
        session.member_id = _member_pk(data.get(auth.SESSION_KEY))
        return session


def _member_pk(user_id) -> int | None:
    from accounts.models import User

    try:
        return int(User._meta.pk.to_python(user_id))
    except (TypeError, ValueError, ValidationError):
        return None


def _joined_member(found: dict):
    """The member the session row joined, or None when the row names none (or a deleted one)."""
    from accounts.models import User

    names = _member_fields()
    values = [found[f"member__{name}"] for name in names]
    # The join gives NULL in every member column but the id, which may be the session's own.
    key = User._meta.pk.attname
    if all(value is None for name, value in zip(names, values, strict=True) if name != key):
        return None
    return User.from_db("default", names, values)


def member(user_id, *, joined=None):
    """The member with this id, as ModelBackend reads them, or None: the member read with the
    session when it is the one the session names, else read afresh."""
    from accounts.models import User

    pk = _member_pk(user_id)
    if pk is None:
        return None
    if joined is not None and joined.pk == pk:
        return joined
    return _MEMBER.instance(User, pk=pk)


def _backend_user(backend, user_id, *, joined=None):
    """`backend.get_user(user_id)`, through the prebuilt query where that is ModelBackend's."""
    if type(backend).get_user is not ModelBackend.get_user:
        return backend.get_user(user_id)
    user = member(user_id, joined=joined)
    return user if user is not None and backend.user_can_authenticate(user) else None


def get_user(request):
    """django.contrib.auth.get_user, reading the member through `_backend_user`."""
    user = None
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            joined = getattr(request.session, "joined_member", None)
            user = _backend_user(auth.load_backend(backend_path), user_id, joined=joined)
            if hasattr(user, "get_session_auth_hash") and not _session_verified(request, user):
                user = None
    return user or AnonymousUser()


def _session_verified(request, user) -> bool:
    """Django's check that the session was made with the member's current password."""
    session_hash = request.session.get(auth.HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return True
    if session_hash and any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        request.session.cycle_key()
        request.session[auth.HASH_SESSION_KEY] = session_auth_hash
        return True
    request.session.flush()
    return False


def _cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class Authentication(AuthenticationMiddleware):
    """django.contrib.auth's middleware, with `request.user` read by `get_user` above."""

    def process_request(self, request) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))

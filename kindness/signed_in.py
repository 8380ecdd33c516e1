"""The session and the signed-in member, each read by one statement built once per process.

Every signed-in request reads its session row, then its member. Django builds both querysets
afresh each time, which cost several times the queries themselves (kindness.statements). These
are Django's own database sessions and authentication with only that changed: the same table and
rows (sessions made before stay valid), the same expiry rule (against the database's clock), the
same backend and session-hash checks, so a password change or a log-out elsewhere ends a
session at the very next request, in any process.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models.functions import Now
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from kindness.statements import Statement

_SESSION = Statement(
    lambda *, key: Session.objects.filter(session_key=key, expire_date__gt=Now()).values(
        "session_data"
    ),
    key=str,
)


def _member_query(*, pk: int):
    from accounts.models import User

    fields = [field.attname for field in User._meta.concrete_fields]
    return User._default_manager.filter(pk=pk).values(*fields)


_MEMBER = Statement(_member_query, pk=int)


class SessionStore(db.SessionStore):
    """SESSION_ENGINE = "kindness.signed_in": database sessions, read by one prebuilt query."""

    def load(self) -> dict:
        found = None
        if self.session_key is not None:
            found = _SESSION.row(key=self.session_key)
        if found is None:
            self._session_key = None
            return {}
        return self.decode(found["session_data"])


def member(user_id):
    """The member with this id, as ModelBackend reads them, or None."""
    from accounts.models import User

    try:
        pk = int(User._meta.pk.to_python(user_id))
    except (TypeError, ValueError):
        return None
    return _MEMBER.instance(User, pk=pk)


def _backend_user(backend, user_id):
    """`backend.get_user(user_id)`, through the prebuilt query where that is ModelBackend's."""
    if type(backend).get_user is not ModelBackend.get_user:
        return backend.get_user(user_id)
    user = member(user_id)
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
            user = _backend_user(auth.load_backend(backend_path), user_id)
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

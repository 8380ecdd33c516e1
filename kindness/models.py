from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class MemberSession(AbstractBaseSession):
    """Django's database session, with the signed-in member's id kept beside the signed data.

    The session data is signed (and mostly compressed), so the database cannot read the member's
    id out of it: kept in its own column, it lets one statement read the session and join its
    member (kindness.signed_in). The signed data stays the authority: the joined member is used
    only when its id is the one the data names, and is read in the same statement as the session,
    so a log-out, a password change or a deactivation counts at the very next request.
    """

    # No constraint or cascade: a deleted member's sessions end as Django's do, read as nobody.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls):
        from kindness.signed_in import SessionStore

        return SessionStore

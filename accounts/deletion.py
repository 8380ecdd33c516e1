"""Closing a member's account: everything they shared goes with it."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the member, their stories, thanks and flags (by cascade), and their photo files.

    Uses the reverse relation `user.photos`, so accounts never imports stories.
    """
    photos = list(user.photos.all())
    user.delete()
    # Files are not part of the transaction: remove them once the rows are surely gone.
    for photo in photos:
        transaction.on_commit(photo.delete_files)

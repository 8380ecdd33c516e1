"""Closing a member's account: everything they shared goes with it."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the member, their pledges, stories, thanks and flags (by cascade), and photo files.

    Uses the reverse relation `user.photos`, so accounts never imports stories.
    """
    photos = list(user.photos.all())
    # Their own step, before the cascade: stories kept after the account lose the pledge link.
    user.pledges.all().delete()
    user.delete()
    # Files are not part of the transaction: remove them once the rows are surely gone.
    for photo in photos:
        transaction.on_commit(photo.delete_files)

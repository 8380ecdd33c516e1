"""A member's pledges: "I'll try this" on a practice page, and the My pledges page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kindness.kept_pages import KeptPage
from pledges.listing import active_pledges, reminders_note, render_listing
from pledges.models import Pledge
from pledges.services import PledgeError, cancel_pledge, set_pledge
from stories import holes
from stories.models import Practice

# The page around the member's pledges is the same for everyone (kindness.kept_pages).
MY_PLEDGES = KeptPage("pledges/mine.html", "reminders_off", "listing")


@login_required
@require_POST
def pledge(request: HttpRequest, slug: str) -> HttpResponse:
    """Pledge or undo: the button says which (`trying`), so a double click changes nothing."""
    practice = get_object_or_404(Practice, slug=slug)
    trying = request.POST.get("trying") == "yes"
    try:
        set_pledge(member=request.user, practice=practice, trying=trying)
    except PledgeError as error:
        messages.error(request, str(error))
    else:
        if trying:
            messages.success(
                request,
                f"Good luck with “{practice.name}”. We will ask how it went in a few days.",
            )
        else:
            messages.success(request, f"You are no longer trying “{practice.name}”.")
    return redirect(practice)


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    reminders = request.user.pledge_reminders
    listing = render_listing(
        active_pledges(member_id=request.user.pk),
        reminders=reminders,
        # The member menu's token: one masked token a request.
        csrf_token=str(holes.csrf_token(request)),
    )
    return MY_PLEDGES.response(
        request, reminders_off=reminders_note(reminders=reminders), listing=listing
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    # Ownership in the lookup: another member's pledge is not found at all.
    pledge = get_object_or_404(Pledge, pk=pk, member=request.user)
    try:
        cancel_pledge(member=request.user, pledge_id=pledge.pk)
    except PledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Your pledge to try “{pledge.practice.name}” is cancelled.")
    return redirect("pledges:mine")

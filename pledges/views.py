"""A member's pledges: "I'll try this" on a practice page, and the My pledges page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pledges.listing import active_pledges, render_pledges
from pledges.models import Pledge
from pledges.services import PledgeError, cancel_pledge, set_pledge
from stories.models import Practice


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
    rows = render_pledges(
        active_pledges(member_id=request.user.pk),
        reminders=request.user.pledge_reminders,
        csrf_token=get_token(request),
    )
    return render(request, "pledges/mine.html", {"rows": rows})


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

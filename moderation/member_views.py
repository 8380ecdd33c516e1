"""Moderator pages about members: their standing, and suspending or lifting a suspension."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moderation import suspensions
from moderation.forms import LiftSuspensionForm, SuspendForm
from moderation.models import MemberDecision, Suspension
from moderation.sidebar import submitter_card
from moderation.views import moderator_only


def _member_context(person) -> dict:
    return {
        "submitter": submitter_card(person),
        "suspension": Suspension.objects.active_for(person),
        "history": MemberDecision.objects.filter(member=person).select_related("moderator"),
    }


def _member_page(request: HttpRequest, person, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        **_member_context(person),
        "suspend_form": forms.get("suspend_form") or SuspendForm(),
        "lift_form": forms.get("lift_form") or LiftSuspensionForm(),
    }
    return render(request, "moderation/member.html", context, status=status)


@moderator_only
def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's standing: their stories, any suspension, and the history of both."""
    return _member_page(request, get_object_or_404(get_user_model(), pk=pk))


@moderator_only
@require_POST
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=pk)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        return _member_page(request, person, suspend_form=form, status=400)
    try:
        suspensions.suspend_member(
            member=person,
            moderator=request.user,
            days=suspensions.DURATIONS[form.cleaned_data["duration"]],
            reason=form.cleaned_data["reason"],
        )
    except suspensions.SuspensionRefused as refused:
        messages.error(request, str(refused))
    else:
        period = Suspension.objects.active_for(person).period
        messages.success(
            request,
            f"{person.public_name} is suspended {period}. "
            "Their waiting stories are out of the queue until it ends.",
        )
    return redirect("moderation:member", pk=person.pk)


@moderator_only
@require_POST
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=pk)
    form = LiftSuspensionForm(request.POST)
    if not form.is_valid():
        return _member_page(request, person, lift_form=form, status=400)
    try:
        suspensions.lift_suspension(
            member=person, moderator=request.user, reason=form.cleaned_data["reason"]
        )
    except suspensions.SuspensionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"{person.public_name}'s suspension is lifted; their waiting stories are back."
        )
    return redirect("moderation:member", pk=person.pk)

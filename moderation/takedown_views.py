"""Takedown requests and the contact page: sent by anyone, answered by moderators (takedowns.py)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from moderation import takedowns
from moderation.decisions import AlreadyDecided, Correction
from moderation.models import Decision, TakedownKind, TakedownRequest
from moderation.takedown_forms import ContactForm, ReplyForm, TakedownDecisionForm, TakedownForm
from moderation.views import moderator_only
from stories.forms import honeypot_filled
from stories.models import Story

SENT = "Thank you. The moderators will read your request first and write to you with their answer."


@never_cache
@require_http_methods(["GET", "POST"])
def ask_takedown(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Is this story about you?": no account needed."""
    story = get_object_or_404(Story.objects.published(), pk=pk)
    if request.method != "POST":
        return render(
            request, "moderation/takedown_form.html", {"story": story, "form": TakedownForm()}
        )
    if honeypot_filled(request.POST):
        return redirect("takedowns:sent")
    form = TakedownForm(request.POST)
    if form.is_valid():
        try:
            takedowns.request_takedown(
                story=story,
                identifies=form.cleaned_data["identifies"],
                asks=form.cleaned_data["asks"],
                details=form.cleaned_data["details"],
                email=form.cleaned_data["email"],
            )
        except takedowns.TakedownRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, SENT)
            return redirect("takedowns:sent")
    return render(
        request, "moderation/takedown_form.html", {"story": story, "form": form}, status=400
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "moderation/contact.html", {"form": ContactForm()})
    if honeypot_filled(request.POST):
        return redirect("takedowns:sent")
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            takedowns.send_contact(
                message=form.cleaned_data["message"], email=form.cleaned_data["email"]
            )
        except takedowns.TakedownRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Thank you. A moderator will read your message and reply.")
            return redirect("takedowns:sent")
    return render(request, "moderation/contact.html", {"form": form}, status=400)


@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/contact_sent.html")


@moderator_only
def takedown_queue(request: HttpRequest) -> HttpResponse:
    waiting = list(TakedownRequest.objects.open().select_related("story"))
    now = timezone.now()
    for item in waiting:
        item.waited = now - item.created_at
    answered = (
        TakedownRequest.objects.decided().select_related("decided_by").order_by("-decided_at")[:20]
    )
    return render(
        request, "moderation/takedown_queue.html", {"waiting": waiting, "answered": answered}
    )


def _detail_context(item: TakedownRequest) -> dict:
    history = (
        Decision.objects.filter(story=item.story).select_related("moderator")
        if item.story_id
        else Decision.objects.none()
    )
    return {"item": item, "waited": timezone.now() - item.created_at, "history": history}


def _decision_form(item: TakedownRequest, data=None):
    if item.kind == TakedownKind.CONTACT:
        return ReplyForm(data)
    initial = {"title": item.story.title, "body": item.story.body} if item.story else {}
    return TakedownDecisionForm(data, initial=initial)


@moderator_only
def takedown_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(TakedownRequest.objects.select_related("story", "decided_by"), pk=pk)
    context = {**_detail_context(item), "form": _decision_form(item)}
    return render(request, "moderation/takedown_detail.html", context)


@moderator_only
@require_POST
def takedown_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(TakedownRequest.objects.select_related("story"), pk=pk)
    form = _decision_form(item, request.POST)
    if not form.is_valid():
        context = {**_detail_context(item), "form": form}
        return render(request, "moderation/takedown_detail.html", context, status=400)
    data = form.cleaned_data
    action = data.get("action", TakedownDecisionForm.DECLINE)
    try:
        if action == TakedownDecisionForm.REDACT:
            correction = Correction(title=data["title"].strip(), body=data["body"].strip())
            takedowns.redact_story(
                request=item, moderator=request.user, correction=correction, note=data["note"]
            )
        elif action == TakedownDecisionForm.UNPUBLISH:
            takedowns.unpublish_for_takedown(
                request=item, moderator=request.user, note=data["note"]
            )
        else:
            takedowns.decline(request=item, moderator=request.user, note=data["note"])
    except AlreadyDecided as refused:
        messages.error(request, str(refused))
        return redirect("moderation:takedown", pk=item.pk)
    item.refresh_from_db()
    messages.success(
        request, f"Answered: {item.get_outcome_display().lower()}. The sender is emailed."
    )
    return redirect("moderation:takedowns")

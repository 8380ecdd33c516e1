"""Moderator pages. Every view checks the permission on the server; every change is a POST."""

import statistics
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from moderation import (
    claims,
    decisions,
    kept_lists,
    listing,
    queue,
    queue_pages,
    review_page,
    sidebar,
)
from moderation.diffs import word_diff
from moderation.forms import (
    FlagForm,
    ResolveFlagsForm,
    RevisionDecisionForm,
    StoryDecisionForm,
    initial_for_story,
)
from moderation.models import (
    Action,
    Decision,
    TakedownKind,
    TakedownRequest,
)
from moderation.sidebar import practices_and_tags, submitter_card
from moderation.standing import standing
from stories.choices import LIVE_STATUSES, MODERATE, RevisionStatus, StoryStatus
from stories.models import Practice, Story, StoryRevision

QUEUE_PAGE_SIZE = 25
STATS_DAYS = 30


def moderator_only(view):
    """Signed-out visitors go to log in; members without the permission get a 403."""
    return login_required(permission_required(MODERATE, raise_exception=True)(never_cache(view)))


def _decide_from(
    request: HttpRequest,
    form: Form,
    *,
    template: str,
    context: Callable[[], dict],
    decide: Callable[[dict], Decision],
    refused_url: str,
    next_url: Callable[[], str],
) -> HttpResponse:
    """The one path of every decision form.

    An invalid form shows the page again with a 400; a valid one becomes a call to the decision
    function. On success say so and move on; when someone was first, say who and when.
    """
    if not form.is_valid():
        return render(request, template, {**context(), "form": form}, status=400)
    try:
        decision = decide(form.cleaned_data)
    except decisions.AlreadyDecided as refused:
        messages.error(request, str(refused))
        return redirect(refused_url)
    messages.success(request, f"“{decision.story_title}”: {decision.get_action_display().lower()}.")
    return redirect(next_url())


@moderator_only
def queue_page(request: HttpRequest) -> HttpResponse:
    after, before = request.GET.get("after"), request.GET.get("before")
    if "page" in request.GET and not (after or before):
        page = queue_pages.numbered_page(request.GET["page"], size=QUEUE_PAGE_SIZE)
    else:
        # The flagged stories and the items waiting were counted with the viewer's standing,
        # in this request.
        viewer = standing(request.user)
        page = queue_pages.queue_page(
            size=QUEUE_PAGE_SIZE,
            after=after,
            before=before,
            flagged=viewer.flagged,
            items=viewer.items,
            queue_version=viewer.queue_version,
        )
    return kept_lists.response(
        kept_lists.QUEUE,
        request,
        {"page": page, "items": page.object_list, "flagged": page.flagged},
    )


def _review_context(story: Story) -> dict:
    practices, tags = practices_and_tags(story)
    return {
        "story": story,
        "practices": practices,
        "tags": tags,
        "submitter": submitter_card(story.author),
        "flags": sidebar.open_flags(story),
        "history": sidebar.history(story),
        "replies": sidebar.replies(story),
        # Flags on a story its author withdrew have nothing left to decide.
        "is_live": story.status in LIVE_STATUSES,
    }


def _story_for_review():
    # A draft is its author's alone: moderators get a 404 for it like everyone else.
    return (
        Story.objects.exclude(status=StoryStatus.DRAFT)
        .select_related("author", "photo")
        .prefetch_related("practices", "tags")
    )


def _review_page(pk: int) -> review_page.ReviewPage:
    # One statement for the story and all beside it; a draft is a 404 here too.
    page = review_page.read(pk)
    if page is None:
        raise Http404("No story to review here.")
    return page


@moderator_only
def review(request: HttpRequest, pk: int) -> HttpResponse:
    page = _review_page(pk)
    story = page.story
    # No form: the page shows the unbound one's kept fields (moderation.review_markup).
    context = page.context()
    if story.status == StoryStatus.SUBMITTED:
        context["claim"] = claims.open_for_review(
            moderator=request.user, story=story, read=page.claim
        )
    return kept_lists.response(kept_lists.REVIEW, request, context)


@moderator_only
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    if Story.objects.filter(pk=pk, status=StoryStatus.DRAFT).exists():
        # Taken back while the moderator read it: say so, and show nothing of the draft.
        messages.error(request, str(decisions.AlreadyDecided(message=decisions.TAKEN_BACK)))
        return redirect("moderation:queue")
    story = _story_for_review().filter(pk=pk).first()
    if story is None:
        return _gone(request)
    return _decide_from(
        request,
        StoryDecisionForm(request.POST, initial=initial_for_story(story)),
        template="moderation/review.html",
        context=partial(_review_context, story),
        decide=lambda data: decisions.decide_story(
            story=story,
            moderator=request.user,
            action=data["action"],
            submitted_at=data["submitted_at"],
            reason=data["reason"],
            note=data["note"],
            correction=decisions.Correction(data["title"].strip(), data["body"].strip()),
            seen_fingerprint=data["fingerprint"],
        ),
        refused_url=reverse("moderation:review", kwargs={"pk": story.pk}),
        next_url=partial(queue.next_item_url, after_kind="story", after_pk=story.pk),
    )


def _revision_context(revision: StoryRevision) -> dict:
    story = revision.story
    changes = []
    for field, label in [
        ("title", "Title"),
        ("perspective", "Perspective"),
        ("setting", "Setting"),
    ]:
        before, after = getattr(story, field), getattr(revision, field)
        if before != after:
            changes.append({"label": label, "before": before, "after": after})
    before_practices = sorted(practice.slug for practice in story.practices.all())
    if before_practices != sorted(revision.practice_slugs):
        changes.append(
            {
                "label": "Practices",
                "before": ", ".join(before_practices),
                "after": ", ".join(sorted(revision.practice_slugs)),
            }
        )
    before_tags = sorted(tag.name for tag in story.tags.all())
    if before_tags != sorted(revision.tag_names):
        changes.append(
            {
                "label": "Tags",
                "before": ", ".join(before_tags),
                "after": ", ".join(revision.tag_names),
            }
        )
    if story.photo_id != revision.photo_id or story.photo_alt != revision.photo_alt:
        changes.append({"label": "Photo", "before": story.photo_alt, "after": revision.photo_alt})
    if story.is_anonymous != revision.is_anonymous:
        changes.append(
            {"label": "Anonymous", "before": story.is_anonymous, "after": revision.is_anonymous}
        )
    body_diff = word_diff(story.body, revision.body) if story.body != revision.body else []
    return {
        **_review_context(story),
        "revision": revision,
        "revision_practices": Practice.objects.filter(slug__in=revision.practice_slugs),
        "changes": changes,
        "body_diff": body_diff,
    }


def _gone(request: HttpRequest) -> HttpResponse:
    # Rows are only ever deleted by their author, so a decision on a missing one came too late.
    messages.error(request, str(decisions.AlreadyDecided(message=decisions.DELETED)))
    return redirect("moderation:queue")


def _revision_for_review():
    return StoryRevision.objects.select_related("story__author", "story__photo", "photo")


@moderator_only
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(_revision_for_review(), pk=pk)
    form = RevisionDecisionForm(initial={"updated_at": revision.updated_at})
    context = {**_revision_context(revision), "form": form}
    if revision.status == RevisionStatus.PENDING:
        context["claim"] = claims.open_for_review(
            moderator=request.user, story=revision.story, revision=revision
        )
    return render(request, "moderation/review_edit.html", context)


@moderator_only
@require_POST
def decide_edit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_for_review().filter(pk=pk).first()
    if revision is None:
        return _gone(request)
    return _decide_from(
        request,
        RevisionDecisionForm(request.POST),
        template="moderation/review_edit.html",
        context=partial(_revision_context, revision),
        decide=lambda data: decisions.decide_revision(
            revision=revision,
            moderator=request.user,
            action=data["action"],
            reason=data["reason"],
            note=data["note"],
            updated_at=data["updated_at"],
        ),
        refused_url=reverse("moderation:review_edit", kwargs={"pk": revision.pk}),
        next_url=partial(queue.next_item_url, after_kind="edit", after_pk=revision.pk),
    )


@moderator_only
def flagged(request: HttpRequest) -> HttpResponse:
    # The flagged stories were counted with the viewer's standing, in this request, and the
    # queue version read with it.
    viewer = standing(request.user)
    page = listing.flagged_page(
        request.GET.get("page"),
        size=QUEUE_PAGE_SIZE,
        flagged=viewer.flagged,
        version=viewer.queue_version,
    )
    return kept_lists.response(kept_lists.FLAGGED, request, {"page": page})


@moderator_only
def review_flags(request: HttpRequest, pk: int) -> HttpResponse:
    context = _review_page(pk).context()
    return kept_lists.response(kept_lists.FLAG_REVIEW, request, context)


@moderator_only
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(_story_for_review(), pk=pk)
    flagged_url = reverse("moderation:flagged")
    return _decide_from(
        request,
        ResolveFlagsForm(request.POST),
        template="moderation/review_flags.html",
        context=partial(_review_context, story),
        decide=lambda data: decisions.resolve_flags(
            story=story,
            moderator=request.user,
            keep=data["outcome"] == "keep",
            reason=data["reason"],
            note=data["note"],
        ),
        refused_url=flagged_url,
        next_url=lambda: flagged_url,
    )


@login_required
@require_POST
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    """Any signed-in member may flag a published story, once (the rules: decisions.flag_story)."""
    story = get_object_or_404(Story.objects.published(), pk=pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(error for field in form.errors.values() for error in field)
        messages.error(request, f"The flag was not sent: {errors}")
        return redirect(story)
    try:
        _, hidden = decisions.flag_story(
            story=story,
            member=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except decisions.AlreadyFlagged as refused:
        messages.info(request, str(refused))
    except decisions.NotFlaggable as refused:
        messages.error(request, str(refused))
        return redirect("stories:list")
    except decisions.FlagRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Thank you. A moderator will read the story again.")
        if hidden:
            return redirect("stories:list")
    return redirect(story)


def _takedown_stats(since) -> dict:
    asked = TakedownRequest.objects.filter(kind=TakedownKind.TAKEDOWN)
    decided = asked.decided().filter(decided_at__gte=since)
    waits = [done - sent for sent, done in decided.values_list("created_at", "decided_at")]
    return {
        "takedowns_received": asked.filter(created_at__gte=since).count(),
        "takedowns_decided": len(waits),
        "takedown_median": statistics.median(waits) if waits else None,
    }


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Public: how moderation went in the last 30 days, naming no one."""
    since = timezone.now() - timedelta(days=STATS_DAYS)
    recent = Decision.objects.filter(created_at__gte=since)
    first_decisions = recent.filter(action__in=[Action.APPROVE, Action.REJECT]).exclude(
        waited__isnull=True
    )
    waits = list(first_decisions.values_list("waited", flat=True))
    median = statistics.median(waits) if waits else None
    context = {
        "days": STATS_DAYS,
        "published": recent.filter(action=Action.APPROVE).count(),
        "declined": recent.declines().count(),
        "changes_requested": recent.filter(action=Action.REQUEST_CHANGES).count(),
        "median_wait": median,
        "waiting_now": Story.objects.awaiting_review().count()
        + StoryRevision.objects.pending().count(),
        **_takedown_stats(since),
    }
    return render(request, "moderation/stats.html", context)

"""The moderators' feature and unfeature buttons on the review page: POST only, checked here."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from moderation import featuring
from moderation.decisions import AlreadyDecided
from moderation.views import moderator_only
from stories.choices import StoryStatus
from stories.models import Story


def _story(pk: int) -> Story:
    # A draft is its author's alone, as on the review page.
    return get_object_or_404(Story.objects.exclude(status=StoryStatus.DRAFT), pk=pk)


@moderator_only
@require_POST
def feature(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story(pk)
    try:
        featuring.feature_story(story=story, moderator=request.user)
    except AlreadyDecided as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"“{story.title}” is featured on the home page.")
    return redirect("moderation:review", pk=story.pk)


@moderator_only
@require_POST
def unfeature(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story(pk)
    try:
        featuring.unfeature_story(story=story, moderator=request.user)
    except AlreadyDecided as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"“{story.title}” is no longer featured.")
    return redirect("moderation:review", pk=story.pk)

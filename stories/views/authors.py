"""Pages for members sharing their own stories. Ownership is always part of the lookup."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kindness.kept_pages import KeptPage
from pledges.models import Pledge
from stories import holes, lifecycle, my_rows
from stories.errors import StoryError
from stories.forms import Intent, StoryForm, honeypot_filled, initial_from_revision
from stories.models import Story, StoryPhoto, StoryRevision, StoryStatus
from stories.privacy import find_identifying_details
from stories.thanks import toggle_thanks


def _intent(request: HttpRequest, story: Story | None) -> str:
    intent = request.POST.get("intent", Intent.SUBMIT)
    if intent not in Intent.ALL:
        return Intent.SUBMIT
    if story and story.is_published and intent == Intent.DRAFT:
        return Intent.SUBMIT  # an edit of a live story is always sent for review
    return intent


def _story_form_page(request: HttpRequest, story: Story | None) -> HttpResponse:
    instance = story or Story(author=request.user)
    revision = story.revision_to_resume() if story and story.is_published else None
    if request.method != "POST":
        initial = initial_from_revision(revision) if revision else None
        if story is None:
            initial = _from_pledge(request)
        form = StoryForm(instance=instance, author=request.user, initial=initial)
        kept = revision.photo if revision else None
        return _render(request, form, story=story, revision=revision, kept=kept)

    if honeypot_filled(request.POST):
        # Checked first, so a bot costs no validation and no photo processing. It is told
        # nothing useful; a person never sees the honeypot field.
        messages.success(request, "Thank you! Your story is waiting for a moderator.")
        return redirect("stories:mine")
    intent = _intent(request, story)
    form = StoryForm(
        request.POST, request.FILES, instance=instance, author=request.user, intent=intent
    )
    valid = form.is_valid()
    kept = _keep_photo(form, owner=request.user)
    if not valid:
        return _render(request, form, story=story, revision=revision, kept=kept, status=400)
    content = form.content(photo=_chosen_photo(form, kept=kept, story=story))
    if intent == Intent.PREVIEW:
        preview = lifecycle.preview_story(author=request.user, content=content)
        return _render(request, form, story=story, revision=revision, kept=kept, preview=preview)
    save = lifecycle.save_draft if intent == Intent.DRAFT else lifecycle.submit_story
    try:
        outcome = save(author=request.user, story=story, content=content)
    except StoryError as error:
        form.add_error(None, str(error))
        return _render(request, form, story=story, revision=revision, kept=kept, status=400)
    messages.success(request, outcome.message)
    if outcome.story.status == StoryStatus.DRAFT:
        return redirect("stories:edit", pk=outcome.story.pk)
    return redirect("stories:mine")


def _from_pledge(request: HttpRequest) -> dict | None:
    """The "How did it go?" link (?pledge=): the pledge's practice ticked, the link kept.

    Only the member's own active pledge; the form checks it again on every post.
    """
    try:
        pledge_id = int(request.GET.get("pledge", ""))
    except ValueError:
        return None
    pledge = (
        Pledge.objects.active()
        .select_related("practice")
        .filter(pk=pledge_id, member=request.user)
        .first()
    )
    if pledge is None:
        return None
    return {"practices": [pledge.practice.slug], "pledge": pledge.pk}


def _keep_photo(form: StoryForm, *, owner) -> StoryPhoto | None:
    """Store a good upload even when other fields have errors: the author never re-picks it."""
    if processed := form.cleaned_data.get("photo"):
        return StoryPhoto.objects.create_from_processed(owner=owner, processed=processed)
    return form.cleaned_data.get("photo_key")


def _chosen_photo(form: StoryForm, *, kept: StoryPhoto | None, story: Story | None):
    if form.cleaned_data.get("remove_photo") and not form.cleaned_data.get("photo"):
        return None
    return kept or (story.photo if story else None)


def _render(
    request: HttpRequest,
    form: StoryForm,
    *,
    story: Story | None,
    revision: StoryRevision | None,
    kept: StoryPhoto | None,
    preview: lifecycle.Preview | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "story": story,
        "revision": revision,
        # The page writes the kept photo's key into the form, so the next post carries it.
        "kept_photo": kept,
        "current_photo": kept or (story.photo if story else None),
        "preview": preview,
        # A warning, never a block: the author decides, and the moderator sees the same spans.
        "privacy_warnings": (
            find_identifying_details(f"{preview.title}\n\n{preview.body}") if preview else []
        ),
    }
    return render(request, "stories/share.html", context, status=status)


def _require_verified(request: HttpRequest) -> HttpResponse | None:
    if request.user.has_verified_email():
        return None
    return render(request, "stories/verify_first.html", status=403)


def _refuse_suspended(request: HttpRequest) -> HttpResponse | None:
    if reason := lifecycle.suspended_because(request.user):
        messages.error(request, reason)
        return redirect("stories:mine")
    return None


@never_cache
@login_required
def share(request: HttpRequest) -> HttpResponse:
    return (
        _refuse_suspended(request) or _require_verified(request) or _story_form_page(request, None)
    )


@never_cache
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.editable(), pk=pk, author=request.user)
    return (
        _refuse_suspended(request) or _require_verified(request) or _story_form_page(request, story)
    )


# The page around the list is the same for every author (kindness.kept_pages).
MY_STORIES = KeptPage("stories/mine.html", "listing")


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page, found = my_rows.own_rows(author_id=request.user.pk, number=request.GET.get("page"))
    # The member menu's token: one masked token a request.
    listing = my_rows.render_listing(page, found, csrf_token=str(holes.csrf_token(request)))
    return MY_STORIES.response(request, listing=listing)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk, author=request.user)
    try:
        outcome = lifecycle.withdraw_story(story=story)
    except StoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, outcome.message)
    return redirect("stories:mine")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A page asking to confirm (so it works without JavaScript); the POST deletes."""
    story = get_object_or_404(Story, pk=pk, author=request.user)
    if request.method != "POST":
        if not story.can_be_deleted():
            messages.error(request, lifecycle.WITHDRAW_FIRST)
            return redirect("stories:mine")
        return render(request, "stories/confirm_delete.html", {"story": story})
    try:
        title = lifecycle.delete_story(story=story)
    except StoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{title}” is deleted.")
    return redirect("stories:mine")


@login_required
@require_POST
def thank(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.published(), pk=pk)
    try:
        thanked = toggle_thanks(story=story, member=request.user)
    except StoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Thank you sent. The storyteller will be glad." if thanked else "Thanks taken back.",
        )
    return redirect(story)

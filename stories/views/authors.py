"""Pages for members sharing their own stories. Ownership is always part of the lookup."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from stories import sharing
from stories.forms import Intent, StoryForm
from stories.models import Story, StoryStatus
from stories.views.readers import paginate


def _intent(request: HttpRequest) -> str:
    intent = request.POST.get("intent", Intent.SUBMIT)
    return intent if intent in Intent.ALL else Intent.SUBMIT


def _story_form_page(request: HttpRequest, story: Story | None) -> HttpResponse:
    instance = story or Story(author=request.user)
    revision = story.revision_to_resume() if story and story.is_published else None
    if request.method != "POST":
        initial = sharing.form_for_revision(revision) if revision else None
        form = StoryForm(instance=instance, author=request.user, initial=initial)
        if revision and revision.photo:
            form.kept_photo = revision.photo
        return render(request, "stories/share.html", _form_context(form, story, revision))

    intent = _intent(request)
    if story and story.is_published and intent == Intent.DRAFT:
        intent = Intent.SUBMIT  # an edit of a live story is always sent for review
    form = StoryForm(
        request.POST, request.FILES, instance=instance, author=request.user, intent=intent
    )
    valid = form.is_valid()
    if form.is_spam():
        # Tell a bot nothing useful; a person never sees the honeypot field.
        messages.success(request, "Thank you! Your story is waiting for a moderator.")
        return redirect("stories:mine")
    form.keep_uploaded_photo()
    if valid and intent != Intent.PREVIEW:
        outcome = sharing.save_story(form=form, author=request.user, intent=intent)
        messages.success(request, outcome.message)
        if outcome.story.status == StoryStatus.DRAFT:
            return redirect("stories:edit", pk=outcome.story.pk)
        return redirect("stories:mine")
    context = _form_context(form, story, revision)
    if valid:
        context["preview"] = _preview_story(form)
    return render(request, "stories/share.html", context, status=200 if valid else 400)


def _form_context(form: StoryForm, story: Story | None, revision) -> dict:
    current_photo = form.kept_photo or (story.photo if story else None)
    return {"form": form, "story": story, "revision": revision, "current_photo": current_photo}


def _preview_story(form: StoryForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "body": data["body"],
        "perspective": dict(Story.Perspective.choices).get(data["perspective"], ""),
        "setting": dict(Story.Setting.choices).get(data["setting"], ""),
        "practices": list(data["practices"]),
        "tags": data["tags"],
        "photo": form.chosen_photo(),
        "photo_alt": data["photo_alt"],
        "byline": "Anonymous" if data["is_anonymous"] else form.author.public_name,
    }


def _require_verified(request: HttpRequest) -> HttpResponse | None:
    if request.user.has_verified_email():
        return None
    return render(request, "stories/verify_first.html", status=403)


@never_cache
@login_required
def share(request: HttpRequest) -> HttpResponse:
    return _require_verified(request) or _story_form_page(request, None)


@never_cache
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(
        Story.objects.filter(status__in=sharing.EDITABLE_STATUSES), pk=pk, author=request.user
    )
    return _require_verified(request) or _story_form_page(request, story)


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    stories = (
        Story.objects.filter(author=request.user)
        .select_related("photo")
        .prefetch_related("practices", "revisions")
        .order_by("-created_at", "-id")
    )
    return render(request, "stories/mine.html", {"page": paginate(request, stories)})


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk, author=request.user)
    if sharing.withdraw_story(story=story):
        messages.success(request, f"“{story.title}” is withdrawn. Readers can no longer see it.")
    else:
        messages.error(request, "That story can no longer be withdrawn.")
    return redirect("stories:mine")


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk, author=request.user)
    if not story.can_be_deleted():
        messages.error(request, "Withdraw a published story before deleting it.")
        return redirect("stories:mine")
    title = story.title
    story.delete()
    messages.success(request, f"“{title}” is deleted.")
    return redirect("stories:mine")


@login_required
@require_POST
def thank(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.published(), pk=pk)
    if story.author_id == request.user.pk:
        messages.error(request, "This is your own story, so you cannot thank it.")
    elif sharing.toggle_thanks(story=story, member=request.user):
        messages.success(request, "Thank you sent. The storyteller will be glad.")
    else:
        messages.success(request, "Thanks taken back.")
    return redirect(story)

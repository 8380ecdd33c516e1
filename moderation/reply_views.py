"""The author's side of a request for changes: read it, and write back."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from moderation.models import AuthorReply
from moderation.replies import CannotReply, open_request, reply_to_request
from moderation.reply_models import REPLY_MAX_LENGTH
from stories.models import Story


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply to the moderator",
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only the moderators read it, beside your story. Nobody is emailed.",
        error_messages={"required": "Write your reply before sending it."},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    # Ownership in the lookup: anyone else's story is a 404, moderators' included.
    story = get_object_or_404(Story, pk=pk, author=request.user)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reply_to_request(story=story, author=request.user, body=form.cleaned_data["body"])
            except CannotReply as error:
                form.add_error("body", str(error))
            else:
                messages.success(request, "Your reply is with the moderators, beside your story.")
                return redirect("stories:mine")
        status = 400
    context = {
        "story": story,
        "request_for_changes": open_request(story),
        "replies": AuthorReply.objects.filter(story=story),
        "form": form,
    }
    return render(request, "moderation/reply.html", context, status=status)

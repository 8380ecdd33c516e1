"""Ways into the stories besides the lists: a story at random."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from stories.at_random import random_story


@require_GET
@never_cache
def at_random(request: HttpRequest) -> HttpResponse:
    """Off to a random published story; never cached, or every click would land on the same one."""
    story = random_story()
    if story is None:
        return redirect("stories:list")
    return redirect(story)

"""The image a link preview shows for a published story (stories.share_images)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from stories.models import Story
from stories.share_images import image_for, share_image_url, share_key
from stories.views.readers import PUBLIC_PHOTO_MAX_AGE


@require_GET
def share_image(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Only a published story has one: anything else is a 404, whoever asks.

    Its address holds the version key, so like a published photo it may be kept for a year; an
    older key (the title or practices changed since) is sent on to the current image.
    """
    story = Story.objects.published().prefetch_related("practices").filter(pk=pk).first()
    if story is None:
        raise Http404("No such story.")
    if key != share_key(story):
        response = redirect(share_image_url(story))
        add_never_cache_headers(response)
        return response
    response = HttpResponse(image_for(story), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=PUBLIC_PHOTO_MAX_AGE, immutable=True)
    return response

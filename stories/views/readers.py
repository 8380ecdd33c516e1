"""Pages for every reader, signed in or not. Each one starts from Story.objects.published()."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET
from taggit.models import Tag

from stories import home as home_reads
from stories import list_reads, paging, practice_choices, practice_page, search, tallies
from stories.caching import cached_for_visitors, practices_version_read
from stories.cards import cards_for
from stories.forms import ListFilterForm, SearchForm
from stories.list_rows import ListRows
from stories.models import Practice, Story, StoryPhoto
from stories.paging import page_of
from stories.share_images import share_image_url
from stories.story_page import around_story, published_story

# A photo's files never change under its key: a new or replaced photo is a new StoryPhoto with
# a new key, and nothing rewrites one in place. So a published photo may be kept for a year.
PUBLIC_PHOTO_MAX_AGE = 365 * 24 * 60 * 60


def paginate(request: HttpRequest, stories, per_page: int | None = None):
    paginator = Paginator(stories, per_page or settings.STORIES_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


def story_page(
    request: HttpRequest, stories, *, tally: str | None = None, count: int | None = None
):
    """A page of a reader list, counted from the kept tally when it has one (stories.tallies),
    or by `count` when the view has read that already."""
    if count is None and tally:
        count = list_reads.total(tally)
    return page_of(
        stories,
        per_page=settings.STORIES_PER_PAGE,
        number=request.GET.get("page"),
        count=count,
        practices=practice_choices.read(practices_version_read(request)),
    )


def _tally_of(chosen: dict) -> str | None:
    """The kept count of the list the filters choose; None for a tag's."""
    if chosen.get("tag"):
        return None
    practice = chosen.get("practice")
    return tallies.list_key(
        practice_id=practice.pk if practice else None,
        setting=chosen.get("setting"),
        perspective=chosen.get("perspective"),
    )


@require_GET
@cached_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    practices = practice_choices.read(practices_version_read(request))
    featured, latest = home_reads.featured_and_latest(practices=practices)
    context = {
        "practice_grid": home_reads.practice_grid(),
        "featured": featured,
        "latest": latest,
    }
    return render(request, "stories/home.html", context)


@require_GET
@cached_for_visitors
def story_list(request: HttpRequest) -> HttpResponse:
    practices = practice_choices.read(practices_version_read(request))
    form = ListFilterForm(request.GET or None, practices=practices)
    chosen = form.cleaned_data if form.is_valid() else {}
    order = paging.THANKED if chosen.get("sort") == "thanked" else paging.NEWEST
    tag = list_reads.tag(chosen["tag"]) if chosen.get("tag") else None
    stories = _filtered(chosen, tag=tag, order=order)
    page = _list_page(request, stories, order=order, tally=_tally_of(chosen), practices=practices)
    query = _query_without(request, "page", "before", "after")
    return render(
        request,
        "stories/story_list.html",
        {
            "form": form,
            "page": page,
            "tag": tag,
            "query": query,
            "query_without_tag": _query_without(request, "page", "before", "after", "tag"),
        },
    )


def _filtered(chosen: dict, *, tag: Tag | None, order: paging.Order) -> ListRows:
    """The rows of the list the filters choose. A tag's list newest first comes from its kept
    list (stories.tag_lists), one seek of its index: a tag is rare, and the stories' own index
    would be walked a thousand rows a page to find it."""
    filters = []
    if chosen.get("tag") and order is paging.NEWEST:
        if tag is None:
            return ListRows(tagged=True, empty=True)
        tagged, story = True, "story__"
        filters.append(("tag_id", tag.pk))
    else:
        tagged, story = False, ""
        if chosen.get("tag"):
            filters.append(("tags__slug", chosen["tag"]))
    for name, lookup in (
        ("practice", "practices"),
        ("setting", "setting"),
        ("perspective", "perspective"),
    ):
        if chosen.get(name):
            value = chosen[name]
            filters.append((story + lookup, value.pk if name == "practice" else value))
    return ListRows(tagged=tagged, filters=tuple(filters))


def _list_page(request: HttpRequest, stories, *, order, tally: str | None, practices):
    """The page a reader asked for: beside a position (`?before=` and `?after=`, the links the
    site makes), or by number (`?page=`, older links); counted from the kept tally if any."""
    per_page = settings.STORIES_PER_PAGE
    before, after = request.GET.get("before"), request.GET.get("after")
    number = request.GET.get("page")
    by_day = tally == tallies.ALL and order is paging.NEWEST
    place = None
    if by_day and before is None and after is None and paging.skipped(number, per_page):
        count, place = tallies.total_and_place(connection, paging.skipped(number, per_page))
    else:
        count = list_reads.total(tally) if tally else None
    if before is not None or after is not None:
        page = paging.keyset_page(
            stories,
            order=order,
            token=before if before is not None else after,
            per_page=per_page,
            count=count,
            upwards=before is None,
            practices=practices,
        )
    else:
        page = paging.numbered_page(
            stories,
            order=order,
            number=number,
            per_page=per_page,
            count=count,
            by_day=by_day,
            place=place,
            practices=practices,
        )
    page.link(request.path, request.GET)
    return page


def _query_without(request: HttpRequest, *names: str) -> str:
    """The current filters as a query string, minus the named ones, for links that keep the rest."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_GET
@cached_for_visitors
def story_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    story = _story_for(request, pk)
    if slug != story.slug:
        return redirect(story, permanent=story.is_published)
    around = around_story(story.pk)
    practices = around.practices
    context = {
        "story": story,
        "practices": practices,
        "tags": around.tags,
        "related": around.related,
        "share_image_path": (
            share_image_url(story, [practice.name for practice in practices])
            if story.is_published
            else ""
        ),
    }
    response = render(request, "stories/story_detail.html", context)
    if not story.is_published:
        # Only the author or a moderator can see this: keep it out of every cache.
        response["Cache-Control"] = "no-cache, no-store, must-revalidate, private, max-age=0"
    return response


def _story_for(request: HttpRequest, pk: int) -> Story:
    """The published story; only when there is none does the wider lookup (the author's or a
    moderator's preview) ask for permissions. The same for every reader: the member's own thanks
    come in the page's "story_actions" hole (stories.holes)."""
    story = published_story(pk)
    if story is None:
        stories = Story.objects.select_related("author", "photo", "pledge__practice")
        story = get_object_or_404(stories.visible_to(request.user), pk=pk)
    return story


@require_GET
@cached_for_visitors
def practice_list(request: HttpRequest) -> HttpResponse:
    practices = Practice.objects.with_story_counts().prefetch_related("sources")
    return render(request, "stories/practice_list.html", {"practices": practices})


@require_GET
@cached_for_visitors
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Its pledge counts and button are a hole (pledges.holes): a member who just pledged counts.
    read = practice_page.read_or_404(slug)
    stories = ListRows(tagged=False, filters=(("practices", read.practice.pk),))
    return render(
        request,
        "stories/practice_detail.html",
        {
            "practice": read.practice,
            "sources": read.sources,
            "page": story_page(request, stories, count=read.stories),
        },
    )


@require_GET
@cached_for_visitors
def member(request: HttpRequest, pk: int) -> HttpResponse:
    person = list_reads.member(pk)
    if person is None:
        raise Http404("No such member.")
    page = story_page(request, ListRows(tagged=False, member=person.pk))
    return render(request, "stories/member.html", {"person": person, "page": page})


@require_GET
@cached_for_visitors
def search_stories(request: HttpRequest) -> HttpResponse:
    practices = practice_choices.read(practices_version_read(request))
    form = SearchForm(request.GET or None, practices=practices)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search.find(query, **form.filters()) if query else None
    page = None
    if found is not None:
        page = paginate(request, found.ids)
        page.object_list = cards_for(list(page.object_list), practices=practices)
    return render(
        request,
        "stories/search.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "more": found is not None and found.more,
            "filtered": any(form.filters().values()) if form.is_valid() else False,
            "candidates": search.CANDIDATES,
            "query_string": _query_without(request, "page"),
        },
    )


@require_GET
def photo(request: HttpRequest, key: str, size: str) -> FileResponse:
    """Serve a photo only to those who may see a story it belongs to.

    Sent by this view from storage (disk or bucket), not redirected to a signed bucket address:
    the check runs on every request, the photo keeps one address that caches can hold, and
    browsers never talk to the bucket (no CORS, the CSP keeps img-src to the site itself).
    """
    picture = get_object_or_404(StoryPhoto, key=key)
    # Decided before request.user is read, so a published photo's answer never varies by cookie.
    public = picture.is_public()
    if not public and not picture.is_shown_unpublished_to(request.user):
        raise Http404("No such photo.")
    field = picture.thumbnail if size == "thumb" else picture.image
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("No such photo.") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_PHOTO_MAX_AGE, immutable=True)
    else:
        add_never_cache_headers(response)
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /moderation/",
        "Disallow: /share/",
        "Disallow: /my-stories/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

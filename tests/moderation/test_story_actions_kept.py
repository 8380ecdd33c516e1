"""The story page's thanks box and report form, kept per shape (moderation.holes): what a
member sees is exactly what the template renders for them, with their own count and token."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.utils import timezone

from moderation.holes import TEMPLATE, story_actions_context, story_actions_markup
from moderation.models import Suspension
from stories import holes
from stories.models import Story, Thanks
from tests.factories import StoryFactory, UserFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


def request_for(user):
    request = RequestFactory().get("/stories/some-story/")
    request.user = user
    return request


def fresh_render(request, story_id: int) -> str:
    """What the template renders for this request, without any kept markup."""
    context = story_actions_context(request, story_id=story_id)
    context |= {"request": request, "user": request.user, "csrf_token": holes.csrf_token(request)}
    return get_template(TEMPLATE).render(context)


@pytest.mark.parametrize("thanks", [0, 1, 2, 17])
@pytest.mark.parametrize("thanked", [False, True])
def test_it_matches_the_templates_own_render_for_a_reader(other_member, author, thanks, thanked):
    story = StoryFactory(author=author, thanks_count=thanks)
    if thanked:
        Thanks.objects.create(story=story, member=other_member)
    request = request_for(other_member)

    kept = story_actions_markup(request, story_id=story.pk)

    assert kept == fresh_render(request, story.pk)
    assert f"<strong>{thanks}</strong>" in kept


@pytest.mark.parametrize(
    "status", [Story.Status.PUBLISHED, Story.Status.SUBMITTED, Story.Status.HIDDEN]
)
def test_it_matches_the_templates_own_render_for_the_author(author, status):
    story = StoryFactory(author=author, status=status, thanks_count=3)
    request = request_for(author)

    assert story_actions_markup(request, story_id=story.pk) == fresh_render(request, story.pk)


def test_it_matches_for_members_who_cannot_flag_yet():
    story = StoryFactory(thanks_count=1)
    unverified = UserFactory(verified=False)
    newcomer = UserFactory(date_joined=timezone.now())
    suspended = UserFactory()
    Suspension.objects.create(member=suspended, until=timezone.now() + timedelta(days=3))

    for member in (unverified, newcomer, suspended):
        request = request_for(member)
        kept = story_actions_markup(request, story_id=story.pk)
        assert kept == fresh_render(request, story.pk)
        assert "Report this story" not in kept


def test_a_visitors_box_still_links_back_to_the_page(author):
    story = StoryFactory(author=author)
    request = request_for(AnonymousUser())

    kept = story_actions_markup(request, story_id=story.pk)

    assert kept == fresh_render(request, story.pk)
    assert "next=/stories/some-story/" in kept


def thanks_token(page, story) -> str:
    form = page.find("form", action=f"/stories/{story.pk}/thank/")
    return form.find("input", name="csrfmiddlewaretoken").attrs["value"]


def test_two_members_each_get_their_own_thanks_count_and_working_token(author):
    story = StoryFactory(author=author, thanks_count=0)
    bob, carol = UserFactory(), UserFactory()
    clients = {}
    for member in (bob, carol):
        clients[member] = Client(enforce_csrf_checks=True)
        clients[member].force_login(member)
    thank = f"/stories/{story.pk}/thank/"

    bob_token = thanks_token(parse(clients[bob].get(story.get_absolute_url())), story)
    assert clients[bob].post(thank, {"csrfmiddlewaretoken": bob_token}).status_code == 302

    carol_page = parse(clients[carol].get(story.get_absolute_url()))
    box = carol_page.find("section", cls="thanks-box")
    assert "1 thank" in box.text and "1 thanks" not in box.text
    assert "Thank the storyteller" in box.text
    carol_token = thanks_token(carol_page, story)
    assert carol_token != bob_token
    assert clients[carol].post(thank, {"csrfmiddlewaretoken": carol_token}).status_code == 302

    bob_box = parse(clients[bob].get(story.get_absolute_url())).find("section", cls="thanks-box")
    assert "2 thanks" in bob_box.text
    assert "Thanked ✓ (take back)" in bob_box.text


def test_a_box_without_a_form_asks_for_no_token(author):
    story = StoryFactory(author=author)
    request = request_for(author)

    story_actions_markup(request, story_id=story.pk)

    assert "CSRF_COOKIE" not in request.META

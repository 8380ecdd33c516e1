"""Decision and suspension fields are rendered once per process with a stand-in for their value
(moderation_tags.field_group, field_widget): each use must still show exactly what the form
would, with this story's own value, escaped."""

from moderation.forms import (
    ResolveFlagsForm,
    RevisionDecisionForm,
    StoryDecisionForm,
    SuspendForm,
    initial_for_story,
)
from moderation.templatetags.moderation_tags import field_group, field_widget


def test_every_review_field_renders_as_the_form_would_for_two_stories(submitted_story):
    stories = [
        submitted_story(title="First <b>bold</b> & “quoted”", body="One\n\n<script>x</script>"),
        submitted_story(title="Second title", body="Another text, with 'quotes' & more."),
    ]
    for _ in range(2):
        for story in stories:
            form = StoryDecisionForm(initial=initial_for_story(story))
            for name in ["action", "reason", "note", "title", "body"]:
                assert field_group(form[name]) == form[name].as_field_group()
            for name in ["submitted_at", "fingerprint"]:
                assert field_widget(form[name]) == str(form[name])


def test_the_edit_flag_and_suspension_forms_render_as_they_would(waiting_story):
    edit = RevisionDecisionForm(initial={"updated_at": waiting_story.updated_at})
    assert field_widget(edit["updated_at"]) == str(edit["updated_at"])
    for form in [edit, ResolveFlagsForm(), SuspendForm()]:
        for _ in range(2):
            for name in form.fields:
                assert field_group(form[name]) == form[name].as_field_group()


def test_a_story_text_cannot_break_out_of_its_field(submitted_story):
    story = submitted_story(title='"><script>alert(1)</script>', body="</textarea><b>x</b>")
    form = StoryDecisionForm(initial=initial_for_story(story))

    assert "<script>" not in field_group(form["title"])
    assert "</textarea><b>" not in field_group(form["body"])


def test_a_field_sent_back_with_errors_renders_afresh(waiting_story):
    form = StoryDecisionForm(data={"action": "approve", "title": "", "body": ""})
    form.is_valid()

    assert field_group(form["title"]) == form["title"].as_field_group()
    assert "A published story needs a title." in field_group(form["title"])

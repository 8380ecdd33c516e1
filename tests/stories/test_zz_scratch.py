from stories.models import Story
from tests.factories import StoryFactory


def test_scratch(author_client, author):
    r = author_client.post("/share/", {"intent": "submit", "title": "x" * 121, "body": "", "tags": "late order"})
    print(r.status_code)
    open("/tmp/scratch/share.html", "w").write(r.content.decode())
    s = StoryFactory(author=author, tags=["late-order"], title="Hello there")
    r = author_client.get(s.get_absolute_url())
    open("/tmp/scratch/detail.html", "w").write(r.content.decode())

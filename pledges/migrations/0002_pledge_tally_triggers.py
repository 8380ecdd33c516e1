from django.db import migrations

from pledges.operations import CreatePledgeTriggers


class Migration(migrations.Migration):
    """The triggers keeping the practice page's pledge counts (pledges.tallies), counted afresh.

    After stories 0014, which gives stories_story the pledge link some of them watch.
    """

    dependencies = [
        ("pledges", "0001_initial"),
        ("stories", "0016_story_pledge"),
    ]

    operations = [CreatePledgeTriggers()]

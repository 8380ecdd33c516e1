from django.db import migrations, models

# Where each essay can be read, as found by searching for its title and site. The Road Warriors
# article ("how-did-i-do") turned up only on a copy of LinkedIn under another domain, so it stays
# unlinked until its own address is confirmed.
URLS = {
    "love-your-people": "http://www.inspireyourpeople.com/blog/flipping-it-reverse-customer-service/",
    "leadership-and-main": "https://leadershipandmain.org/reverse-customer-service/",
    "uplifting-service": (
        "https://ronkaufman.com/blog/service-in-reverse-building-partnerships-as-customers"
    ),
    "customer-service-secret": (
        "https://lifeofagradschooldropout.wordpress.com/2018/08/02/customer-service-secret/"
    ),
}


def fill_urls(apps, schema_editor):
    SourceEssay = apps.get_model("stories", "SourceEssay")
    for key, url in URLS.items():
        SourceEssay.objects.filter(key=key, url="").update(url=url)


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_photo_key_default")]

    operations = [
        migrations.AddField(
            model_name="sourceessay",
            name="url",
            field=models.URLField(blank=True, verbose_name="public address"),
        ),
        migrations.RunPython(fill_urls, migrations.RunPython.noop),
    ]

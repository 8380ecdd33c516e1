"""The photo storage read from the environment: on disk by default, a private bucket when named."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from kindness.storage import object_storage_from_env
from tests.site.test_settings import import_settings

VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_LOCATION",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)


def test_without_a_bucket_photos_stay_on_disk():
    assert object_storage_from_env() is None


def test_a_bucket_gets_private_objects_never_overwritten(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "flip-photos")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-central-1")
    monkeypatch.setenv("AWS_LOCATION", "/flip/")

    storage = object_storage_from_env()

    assert storage["BACKEND"] == "kindness.bucket.PhotoBucketStorage"
    assert storage["OPTIONS"] == {
        "bucket_name": "flip-photos",
        "endpoint_url": "https://objects.example",
        "region_name": "eu-central-1",
        "access_key": "key",
        "secret_key": "secret",
        "addressing_style": None,
        "location": "flip",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("AWS_S3_ENDPOINT_URL", "objects.example", "must start with https://"),
        ("AWS_ACCESS_KEY_ID", "key-without-secret", "or neither"),
        ("AWS_S3_ADDRESSING_STYLE", "sideways", "auto, path or virtual"),
    ],
)
def test_a_bad_storage_setting_stops_the_site_at_start(monkeypatch, variable, value, message):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "flip-photos")
    monkeypatch.setenv(variable, value)

    with pytest.raises(ImproperlyConfigured, match=message):
        object_storage_from_env()


def test_the_settings_send_photos_to_the_bucket_the_environment_names():
    result = import_settings(
        "from kindness import settings; print(settings.STORAGES['default']['BACKEND'])",
        AWS_STORAGE_BUCKET_NAME="flip-photos",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kindness.bucket.PhotoBucketStorage"

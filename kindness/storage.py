"""Where uploaded photos live: MEDIA_ROOT on disk, or an S3-compatible bucket from the environment.

Read by kindness/settings.py. With AWS_STORAGE_BUCKET_NAME unset nothing here applies and photos
stay on disk, as `make run` and `make test` expect.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from kindness.env import env_str

# In its own module: settings import this one, and only a bucket needs boto3 loaded.
S3_BACKEND = "kindness.bucket.PhotoBucketStorage"
ADDRESSING_STYLES = {"auto", "path", "virtual"}


def object_storage_from_env() -> dict | None:
    """The STORAGES entry for photos in a bucket, or None when no bucket is named.

    Objects are written without an ACL, so they are as private as the bucket (never public-read):
    readers get a photo only through stories.views.readers.photo, which checks who may see it.
    """
    bucket = env_str("AWS_STORAGE_BUCKET_NAME").strip()
    if not bucket:
        return None
    endpoint = env_str("AWS_S3_ENDPOINT_URL").strip()
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL must start with https:// (or http://), not {endpoint!r}."
        )
    access_key = env_str("AWS_ACCESS_KEY_ID")
    secret_key = env_str("AWS_SECRET_ACCESS_KEY")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (to use the "
            "machine's own AWS credentials)."
        )
    style = env_str("AWS_S3_ADDRESSING_STYLE", "auto").strip().lower() or "auto"
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE must be auto, path or virtual, not {style!r}."
        )
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": env_str("AWS_S3_REGION_NAME").strip() or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "addressing_style": None if style == "auto" else style,
            # A folder inside the bucket, for a bucket shared with something else.
            "location": env_str("AWS_LOCATION").strip().strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            # Like the local storage: never replace an object in place. A photo's files are
            # written once under its new key, which is what lets published ones be cached.
            "file_overwrite": False,
        },
    }

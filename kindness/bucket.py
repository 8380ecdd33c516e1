"""The storage for photos in an S3-compatible bucket (chosen in kindness/storage.py)."""

from botocore.exceptions import ClientError
from django.core.files.base import ContentFile, File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PhotoBucketStorage(S3Storage):
    """django-storages' S3 storage, reading a file in one GET.

    S3Storage opens a file for reading with a HEAD, then a download through a transfer manager;
    a photo is small (a 1600-pixel JPEG), so one plain GET into memory does the same in half the
    round trips, and stays seekable for Pillow and for FileResponse's Content-Length.
    """

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode != "rb":
            return super()._open(name, mode)
        key = self._normalize_name(clean_name(name))
        try:
            reply = self.bucket.meta.client.get_object(Bucket=self.bucket_name, Key=key)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from None
            raise
        with reply["Body"] as body:
            return ContentFile(body.read(), name=name)

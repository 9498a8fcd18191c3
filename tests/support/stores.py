"""Reading a store (local folder or S3) from the outside, as a test checks it."""

from __future__ import annotations

from pathlib import Path

# What a run of the bot "alice" up to prepare leaves in a store (the lease released).
PREPARE_KEYS = {
    "alice/raw/alice.jsonl",
    "alice/raw/alice.meta.json",
    "alice/dataset/train.txt",
    "alice/dataset/valid.txt",
    "alice/dataset/stats.json",
}


def store_snapshot(uri: str) -> dict[str, str]:
    """Every key in a store with a fingerprint that changes when its object is rewritten."""
    if uri.startswith("s3://"):
        import boto3

        bucket, _, prefix = uri[len("s3://") :].partition("/")
        client = boto3.client("s3")
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                key = obj["Key"][len(prefix) + 1 :] if prefix else obj["Key"]
                found[key] = f"{obj['ETag']}@{obj['LastModified'].isoformat()}"
        return found
    root = Path(uri)
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): f"{p.stat().st_mtime_ns}:{p.stat().st_size}"
        for p in root.rglob("*")
        if p.is_file()
    }


def store_read(uri: str, key: str) -> bytes:
    if uri.startswith("s3://"):
        import boto3

        bucket, _, prefix = uri[len("s3://") :].partition("/")
        full = f"{prefix}/{key}" if prefix else key
        return boto3.client("s3").get_object(Bucket=bucket, Key=full)["Body"].read()
    return (Path(uri) / key).read_bytes()

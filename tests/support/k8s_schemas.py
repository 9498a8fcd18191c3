"""Kubernetes' own schemas (kubernetes-validate, strict) for every minor version from 1.30 to the
newest the installed kubernetes-validate knows: what managed clusters run today.

Each version's schemas are loaded once and each (version, kind) validator is built once, so
checking a document against every version costs milliseconds, not a reload of megabytes of JSON
per call as ``kubernetes_validate.validate`` does.
"""

from __future__ import annotations

import re
from functools import cache

import jsonschema
from kubernetes_validate import utils
from packaging.version import Version
from referencing import Registry, Resource

OLDEST = Version("1.30")


def versions() -> list[str]:
    """``major.minor`` of every version kubernetes-validate ships, from 1.30 on."""
    minors = {utils.major_minor(v) for v in utils.all_versions()}
    return sorted((v for v in minors if Version(v) >= OLDEST), key=Version)


VERSIONS = versions()


@cache
def _schema_dir(minor: str) -> str:
    full = max((v for v in utils.all_versions() if utils.major_minor(v) == minor), key=Version)
    return f"kubernetes-json-schema/v{full}-local-strict"


@cache
def _registry(minor: str) -> Registry:
    definitions = utils.schema_contents(f"{_schema_dir(minor)}/_definitions.json", minor)
    return Resource.from_contents(definitions) @ Registry()


@cache
def _validator(minor: str, kind: str, api_version: str) -> jsonschema.Validator:
    # kubernetes-validate's file naming: rbac.authorization.k8s.io/v1 -> rbac-v1
    api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    schema = utils.schema_contents(f"{_schema_dir(minor)}/{kind.lower()}-{api}.json", minor)
    registry = Resource.from_contents(schema) @ _registry(minor)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def validate(doc: dict, minor: str) -> None:
    """Raise AssertionError naming the version and the field when ``doc`` breaks the schema."""
    error = jsonschema.exceptions.best_match(
        _validator(minor, doc["kind"], doc["apiVersion"]).iter_errors(doc)
    )
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path)
        raise AssertionError(
            f"{doc['kind']} {doc.get('metadata', {}).get('name', '')} is invalid for "
            f"Kubernetes {minor}: {where}: {error.message}"
        )


def validate_everywhere(doc: dict) -> None:
    """``doc`` against every version in VERSIONS."""
    for minor in VERSIONS:
        validate(doc, minor)

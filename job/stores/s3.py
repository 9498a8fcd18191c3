"""A store in S3 (or any S3 server): boto3, every answer checked to come from S3."""

from __future__ import annotations

import io
import ipaddress
import logging
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

from job import config
from job.errors import BadInput, ConfigError, TransientError
from job.stores.protocol import Store, is_safe_key, too_large

log = logging.getLogger("htctl")

# Bounded: a hung or unreachable endpoint fails (exit 4) after about a minute per call:
# S3_MAX_ATTEMPTS attempts that each wait at most HT_S3_TIMEOUT seconds for an answer. The
# timeout is per socket read, so a large transfer whose bytes keep flowing is never cut.
S3_TIMEOUT = 20.0  # default of HT_S3_TIMEOUT (seconds)
S3_CONNECT_TIMEOUT = 5.0  # at most; never more than HT_S3_TIMEOUT
S3_MAX_ATTEMPTS = 3
# s3transfer retries a download whose body stalls on top of botocore's retries: once is enough.
S3_DOWNLOAD_ATTEMPTS = 2
MULTIPART_THRESHOLD = 16 * 1024 * 1024
# S3's bucket naming rules (3-63 lower-case letters, digits, dots and hyphens, letter or digit
# at both ends, no "..", not an IP address), checked before any request.
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_MISSING = ("404", "NoSuchKey", "NotFound")
_DENIED = (
    "AccessDenied",
    "403",
    "Forbidden",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "AllAccessDisabled",
)
_REFUSED_CONDITION = ("PreconditionFailed", "ConditionalRequestConflict")


def s3_timeout() -> float:
    """``HT_S3_TIMEOUT``: seconds an S3 call waits for an answer per attempt (default 20)."""
    raw = config.text("HT_S3_TIMEOUT")
    if raw is None:
        return S3_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= 3600:
        raise ConfigError(f"HT_S3_TIMEOUT must be a number of seconds in (0, 3600], not {raw!r}")
    return value


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def check_bucket_name(uri: str, bucket: str) -> None:
    """S3's naming rules, so a typo is one line (exit 2) rather than a botocore dump."""
    if not _BUCKET_NAME.match(bucket) or ".." in bucket or _is_ip_address(bucket):
        raise BadInput(
            f"invalid S3 bucket name {bucket!r} in {uri!r}: 3-63 lower-case letters, digits, "
            "'.' and '-', starting and ending with a letter or digit"
        )


def _one_line(text: str) -> str:
    """botocore's messages span lines; the CLI's error is one."""
    return " ".join(str(text).split())


class S3Store:
    """S3 through boto3: the standard credential chain, ``AWS_ENDPOINT_URL`` for any S3 server.

    Every answer is checked for what S3 always sends (a listing names its bucket, an object
    has an ETag): an endpoint that answers anything else (a web page to every request) is a
    configuration error, not a store that silently keeps nothing.
    """

    def __init__(self, uri: str):
        rest = uri[len("s3://") :]
        bucket, _, prefix = rest.partition("/")
        if not bucket:
            raise BadInput(f"invalid S3 store {uri!r}: expected s3://bucket[/prefix]")
        check_bucket_name(uri, bucket)
        self.uri = uri.rstrip("/")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._client = None
        self._transfer_config = None

    @property
    def client(self):
        if self._client is None:
            import boto3
            from boto3.s3.transfer import TransferConfig
            from botocore.config import Config

            timeout = s3_timeout()
            config = Config(
                connect_timeout=min(S3_CONNECT_TIMEOUT, timeout),
                read_timeout=timeout,
                retries={"max_attempts": S3_MAX_ATTEMPTS, "mode": "standard"},
            )
            # A session of its own: credentials and endpoint are read from the environment
            # now, not from whatever boto3's process-wide default session cached earlier.
            self._client = boto3.session.Session().client("s3", config=config)
            # Managed transfer: multipart and parallel above 16 MiB (model weights).
            self._transfer_config = TransferConfig(
                multipart_threshold=MULTIPART_THRESHOLD,
                max_concurrency=8,
                num_download_attempts=S3_DOWNLOAD_ATTEMPTS,
            )
        return self._client

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, what: str, fn, *args, **kwargs):
        """Call boto3 and turn its failures into the project's errors (and exit codes).

        A missing object becomes FileNotFoundError, as for a local folder.
        """
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectionError,
            NoCredentialsError,
            ParamValidationError,
            PartialCredentialsError,
        )

        try:
            return fn(*args, **kwargs)
        except (NoCredentialsError, PartialCredentialsError):
            raise ConfigError(f"no usable S3 credentials for {self.uri}") from None
        except ParamValidationError as err:
            raise BadInput(f"invalid S3 request for {self.uri}: {_one_line(err)}") from None
        except ConnectionError as err:
            raise TransientError(f"cannot reach S3 for {self.uri}: {_one_line(err)}") from None
        except ClientError as err:
            raise self._client_error(what, err) from None
        except S3UploadFailedError as err:
            # The managed transfer wraps the ClientError (raised while handling it).
            inner = err.__cause__ or err.__context__
            if isinstance(inner, ClientError):
                raise self._client_error(what, inner) from None
            text = str(err)
            if "NoSuchBucket" in text:
                raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None
            if any(code in text for code in _DENIED):
                raise ConfigError(f"S3 access denied to {self.uri} ({what})") from None
            raise TransientError(f"S3 {what} failed on {self.uri}: {_one_line(text)}") from None
        except BotoCoreError as err:
            raise TransientError(f"S3 {what} failed on {self.uri}: {_one_line(err)}") from None

    def _client_error(self, what: str, err) -> Exception:
        code = str(err.response.get("Error", {}).get("Code", ""))
        status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if code == "NoSuchBucket":
            return ConfigError(f"S3 bucket {self.bucket!r} does not exist")
        if self._is_web_page(code, status, err.response):
            return self._not_s3(what)
        if code in _MISSING:
            return FileNotFoundError(f"{self.uri}: {what}: not found")
        if code in _DENIED or status == 403:
            return ConfigError(f"S3 access denied to {self.uri} ({what})")
        if status >= 500 or status == 0 or code in ("SlowDown", "RequestTimeout", "Throttling"):
            return TransientError(f"S3 {what} failed on {self.uri}: {code or status}")
        return ConfigError(f"S3 {what} refused on {self.uri}: {code or status}")

    def _not_s3(self, what: str) -> ConfigError:
        return ConfigError(
            f"store endpoint of {self.uri} does not speak S3 ({what} got no S3 answer): "
            "check AWS_ENDPOINT_URL"
        )

    @staticmethod
    def _is_web_page(code: str, status: int, response: dict) -> bool:
        """A web page where S3 sends XML: botocore turns a 200 it cannot parse into a 500, and
        S3 names every error it sends (``InternalError``...), so a bare 500 (or 200) in HTML
        comes from something else. Gateways' 502-504 pages stay transient."""
        headers = response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
        html = "html" in str(headers.get("content-type", "")).lower()
        return html and status in (200, 500) and (not code or code.isdigit())

    def _object_answer(self, what: str, resp: dict) -> dict:
        """An S3 object answer (HEAD, GET, PUT) always carries an ETag."""
        if not isinstance(resp, dict) or not resp.get("ETag"):
            raise self._not_s3(what)
        return resp

    def _listing_answer(self, what: str, page: dict) -> dict:
        """A ListObjectsV2 page names the bucket it lists."""
        if not isinstance(page, dict) or page.get("Name") != self.bucket:
            raise self._not_s3(what)
        return page

    def check(self) -> None:
        """The bucket exists, we may read it, and the endpoint answers like S3."""
        try:
            self._call("head bucket", self.client.head_bucket, Bucket=self.bucket)
            page = self._call(
                "list bucket",
                self.client.list_objects_v2,
                Bucket=self.bucket,
                Prefix=self._key(""),
                MaxKeys=1,
            )
        except FileNotFoundError:
            raise ConfigError(f"S3 bucket {self.bucket!r} does not exist") from None
        self._listing_answer("list bucket", page)

    def local_path(self, key: str) -> Path | None:
        return None

    def unprefixed(self) -> Store:
        return self

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def read_head(self, key: str, limit: int) -> bytes:
        """A ranged GET: S3 sends no more than ``limit`` + 1 bytes."""
        return self._call(
            f"get {key}",
            lambda: self.client.get_object(
                Bucket=self.bucket, Key=self._key(key), Range=f"bytes=0-{limit}"
            )["Body"].read(limit + 1),
        )

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except FileNotFoundError:
            return False
        return True

    def read_bytes(self, key: str, limit: int | None = None) -> bytes:
        """The object's bytes; with ``limit``, BadInput rather than more than ``limit`` bytes."""

        def get() -> bytes:
            resp = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            self._object_answer(f"get {key}", resp)
            with resp["Body"] as body:
                if limit is None:
                    return body.read()
                if int(resp.get("ContentLength") or 0) > limit:
                    raise too_large(self.uri, key, limit)
                data = body.read(limit + 1)
            if len(data) > limit:
                raise too_large(self.uri, key, limit)
            return data

        return self._call(f"get {key}", get)

    def _head(self, key: str) -> dict:
        """The object's HEAD answer, checked to come from S3 (FileNotFoundError when missing)."""
        resp = self._call(
            f"head {key}", self.client.head_object, Bucket=self.bucket, Key=self._key(key)
        )
        return self._object_answer(f"head {key}", resp)

    def _confirm_upload(self, key: str, size: int) -> None:
        """A managed upload returns no answer: the object must now be there, whole."""
        try:
            stored = int(self._head(key).get("ContentLength", -1))
        except FileNotFoundError:
            stored = -1
        if stored != size:
            raise self._not_s3(f"upload {key}")

    def write_bytes(self, key: str, data: bytes) -> None:
        client = self.client
        if len(data) < MULTIPART_THRESHOLD:
            resp = self._call(
                f"put {key}", client.put_object, Bucket=self.bucket, Key=self._key(key), Body=data
            )
            self._object_answer(f"put {key}", resp)
            return
        self._call(
            f"upload {key}",
            client.upload_fileobj,
            io.BytesIO(data),
            self.bucket,
            self._key(key),
            Config=self._transfer_config,
        )
        self._confirm_upload(key, len(data))

    def upload_file(self, key: str, path: Path) -> None:
        client = self.client
        size = path.stat().st_size
        self._call(
            f"upload {key}",
            client.upload_file,
            str(path),
            self.bucket,
            self._key(key),
            Config=self._transfer_config,
        )
        self._confirm_upload(key, size)

    def download_file(self, key: str, path: Path) -> None:
        client = self.client
        size = int(self._head(key).get("ContentLength", -1))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        try:
            self._call(
                f"download {key}",
                client.download_file,
                self.bucket,
                self._key(key),
                str(tmp),
                Config=self._transfer_config,
            )
            if tmp.stat().st_size != size:
                raise self._not_s3(f"download {key}")
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, path)

    def _iter_keys(self, prefix: str) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        folder = prefix.strip("/")
        full = self._key(folder) if folder else self.prefix
        strip = len(self.prefix) + 1 if self.prefix else 0
        pages = self._call(
            f"list {prefix}",
            lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=full)),
        )
        for page in pages:
            for obj in self._listing_answer(f"list {prefix}", page).get("Contents", []):
                # S3 prefixes are name prefixes; keep only the folder (and the key itself).
                name = obj["Key"]
                if full and name != full and not name.startswith(full + "/"):
                    continue
                if not is_safe_key(name[strip:]):
                    # S3 allows keys a folder cannot hold ("a/../../x"): readers would turn
                    # them into local paths outside their folder, so they are not listed.
                    log.warning("ignored S3 key %r in %s: not a plain path", name, self.uri)
                    continue
                yield name[strip:]

    def list(self, prefix: str) -> list[str]:
        """Keys equal to ``prefix`` or under ``prefix/`` (a folder, never a name prefix)."""
        return sorted(self._iter_keys(prefix))

    def folders(self) -> list[str]:
        """The names of the top-level folders (the bots): one key per bot with a delimiter,
        not every object of every bot."""
        paginator = self.client.get_paginator("list_objects_v2")
        prefix = f"{self.prefix}/" if self.prefix else ""
        pages = self._call(
            "list folders",
            lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/")),
        )
        names = (
            common["Prefix"][len(prefix) :].rstrip("/")
            for page in pages
            for common in page.get("CommonPrefixes", [])
        )
        return sorted(name for name in names if name)

    def delete(self, key: str) -> None:
        self._call(
            f"delete {key}", self.client.delete_object, Bucket=self.bucket, Key=self._key(key)
        )

    # --- conditional writes (job.lease): S3 conditional requests ------------------------------

    def _conditional(self, what: str, method, **kwargs):
        """Call a conditional request; None when S3 refused its condition: 412, or 409 for a
        conditional write racing another on the same key."""
        from botocore.exceptions import ClientError

        def call():
            try:
                return method(Bucket=self.bucket, **kwargs)
            except ClientError as err:
                code = str(err.response.get("Error", {}).get("Code", ""))
                status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if status in (409, 412) or code in _REFUSED_CONDITION:
                    return None
                raise

        return self._call(what, call)

    def create_if_absent(self, key: str, data: bytes) -> str | None:
        """PUT with ``If-None-Match: *``: the ETag, or None when the key exists."""
        resp = self._conditional(
            f"create {key}", self.client.put_object, Key=self._key(key), Body=data, IfNoneMatch="*"
        )
        return None if resp is None else resp["ETag"]

    def read_tagged(self, key: str, limit: int) -> tuple[bytes, str]:
        """The first ``limit`` + 1 bytes of ``key`` (a ranged GET) and its ETag."""

        from botocore.exceptions import ClientError

        def get() -> tuple[bytes, str]:
            try:
                resp = self.client.get_object(
                    Bucket=self.bucket, Key=self._key(key), Range=f"bytes=0-{limit}"
                )
            except ClientError as err:
                if err.response.get("Error", {}).get("Code") != "InvalidRange":
                    raise
                # An empty object has no byte 0.
                return b"", self.client.head_object(Bucket=self.bucket, Key=self._key(key))["ETag"]
            return resp["Body"].read(limit + 1), resp["ETag"]

        return self._call(f"get {key}", get)

    def replace_if_match(self, key: str, data: bytes, tag: str) -> str | None:
        """PUT with ``If-Match: <ETag>``: the new ETag, or None when the key changed or is gone."""
        try:
            resp = self._conditional(
                f"replace {key}", self.client.put_object, Key=self._key(key), Body=data, IfMatch=tag
            )
        except FileNotFoundError:
            return None
        return None if resp is None else resp["ETag"]

    def delete_if_match(self, key: str, tag: str) -> bool:
        """DELETE with ``If-Match: <ETag>``: False when the key changed or is gone."""
        try:
            resp = self._conditional(
                f"delete {key}", self.client.delete_object, Key=self._key(key), IfMatch=tag
            )
        except FileNotFoundError:
            return False
        return resp is not None

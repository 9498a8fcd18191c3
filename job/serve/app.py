"""The ASGI app of ``htctl serve`` (FastAPI): pages, the JSON API, /healthz and /metrics.

Every read goes through a manifest (job.catalog), so a bot being refreshed serves its previous
revision until its new manifest lands, and a new bot appears within ``recheck_seconds``.
Generation runs in a worker thread, one at a time (transformers samples from torch's global
random generator, so seeded requests must not interleave), behind a bounded queue: a request
that finds the queue full gets 429 at once instead of piling up threads and memory.
"""

from __future__ import annotations

import hmac
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markdown_it import MarkdownIt
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from job.card_metadata import WIDGET_TEXT
from job.catalog import BotSummary, Catalog, read_published
from job.errors import BadInput, ConfigError, StaleManifest, TransientError, UnknownBot
from job.generate import DEFAULT_PROMPTS, sample
from job.manifest import Manifest
from job.serve.models import LoadedModel, ModelCache
from job.store import Store

log = logging.getLogger("htctl")

HERE = Path(__file__).resolve().parent
MAX_SAMPLES = 8
MAX_NEW_TOKENS = 200
MAX_PROMPT_CHARS = 2000
MAX_BODY_BYTES = 16 * 1024
MAX_PER_PAGE = 100
MAX_IMAGE_BYTES = 8 * 1024 * 1024
IMAGES = ("predictions.png", "loss.png")
SECURITY_HEADERS = {
    # Card text and display names come from a shared store: no inline script can run.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class ServeSettings:
    store: Store
    token: str | None = None
    max_models: int = 8
    max_model_bytes: int = 2 * 1024**3
    queue: int = 16  # requests that may wait for the generation worker
    recheck_seconds: float = 5.0
    per_page: int = 24


class GenerateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    prompt: str = Field(max_length=MAX_PROMPT_CHARS)
    n: int = Field(1, ge=1, le=MAX_SAMPLES)
    max_new_tokens: int | None = Field(None, ge=1, le=MAX_NEW_TOKENS)
    temperature: float | None = Field(None, gt=0, le=5)
    top_p: float | None = Field(None, gt=0, le=1)
    seed: int = Field(0, ge=0, le=2**32 - 1)


class Metrics:
    def __init__(self, cache: ModelCache, pending) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "htctl_serve_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "htctl_serve_request_seconds",
            "HTTP request latency by route",
            ["route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.rejected = Counter(
            "htctl_serve_rejected", "Generations refused with 429", registry=self.registry
        )
        self.samples = Counter("htctl_serve_samples", "Samples generated", registry=self.registry)
        loaded = Gauge("htctl_serve_models_loaded", "Models in the cache", registry=self.registry)
        loaded.set_function(lambda: cache.count)
        memory = Gauge(
            "htctl_serve_model_cache_bytes", "Bytes of weights in the cache", registry=self.registry
        )
        memory.set_function(lambda: cache.nbytes)
        bases = Gauge(
            "htctl_serve_bases_loaded",
            "Base models shared by the warm adapter bots (each counted once in the bytes)",
            registry=self.registry,
        )
        bases.set_function(lambda: cache.bases)
        loads = Gauge("htctl_serve_model_loads", "Models loaded so far", registry=self.registry)
        loads.set_function(lambda: cache.loads)
        queued = Gauge(
            "htctl_serve_generations_pending",
            "Generations running or waiting",
            registry=self.registry,
        )
        queued.set_function(pending)


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _status_of(err: Exception) -> int:
    """The HTTP status of a library error raised while reading the store."""
    if isinstance(err, UnknownBot):
        return 404
    if isinstance(err, TransientError):  # StaleManifest included
        return 503  # a refresh or the store: retrying soon helps
    if isinstance(err, ConfigError):
        return 500  # the server's store settings or permissions
    return 502  # BadInput from the store: a corrupt manifest or file, not the client's fault


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# The card's avatar header is HTML; the page draws its own from the same data instead.
_HEADER = re.compile(r'^<div class="inline-flex.*?^</div>\n', re.S | re.M)


def card_prompts(card: str) -> list[str]:
    """The example prompts of the card's widget (the seed's), else htctl's defaults."""
    prompts: list[str] = []
    match = _FRONT_MATTER.match(card)
    try:
        meta = yaml.safe_load(match.group(0).strip("-\n")) if match else None
    except yaml.YAMLError:
        meta = None
    widget = meta.get("widget") if isinstance(meta, dict) else None
    for item in widget if isinstance(widget, list) else []:
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str) and 0 < len(text) <= 200 and text not in prompts:
            prompts.append(text)
    for text in (WIDGET_TEXT, *DEFAULT_PROMPTS):
        if text not in prompts:
            prompts.append(text)
    return prompts[:6]


def render_card(card: str, bot: str) -> str:
    """The card as HTML: raw HTML is escaped (html off), pictures point at the bot's files."""
    body = _HEADER.sub("", _FRONT_MATTER.sub("", card), count=1)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(body)
    for token in tokens:
        for child in token.children or []:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                child.attrSet("src", f"/bots/{bot}/files/{src}" if src in IMAGES else "")
    return md.renderer.render(tokens, md.options, {})


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with a JSON 413: at once when its
    Content-Length says so, else as soon as the chunks read pass it (nothing more is read)."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.state = getattr(app, "state", None)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = _error(413, f"the body is over {self.limit} bytes")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await too_large(scope, receive, send)
            return
        seen, refused = 0, False

        async def counted():
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    await too_large(scope, receive, send)
                    return {"type": "http.disconnect"}  # the app stops reading
            return message

        async def guarded(message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)


def create_app(settings: ServeSettings) -> BodyLimit:
    """The ASGI app (FastAPI inside a body-size guard); ``.state`` holds cache and catalog."""
    return BodyLimit(build_api(settings), MAX_BODY_BYTES)


def build_api(settings: ServeSettings) -> FastAPI:
    store = settings.store
    catalog = Catalog(store, recheck_seconds=settings.recheck_seconds)
    cache = ModelCache(settings.max_models, settings.max_model_bytes)
    state = {"pending": 0}
    capacity = 1 + settings.queue
    metrics = Metrics(cache, lambda: state["pending"])
    templates = Jinja2Templates(directory=HERE / "templates")
    app = FastAPI(
        title="htctl serve",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.cache = cache
    app.state.catalog = catalog

    # -- errors: JSON under /api, a small page elsewhere ---------------------------------------

    def error_response(request: Request, status: int, message: str, headers=None) -> Response:
        if request.url.path == "/api" or request.url.path.startswith("/api/"):
            return _error(status, message, headers)
        page = templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
        page.headers.update(headers or {})
        return page

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else "error"
        return error_response(request, err.status_code, message, getattr(err, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        problems = err.errors()
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method == "POST" and media != "application/json":
            return _error(415, "send the body as JSON (Content-Type: application/json)")
        if any(p.get("type") == "json_invalid" for p in problems):
            return _error(400, "the body is not valid JSON")
        parts = []
        for p in problems[:5]:
            where = ".".join(str(x) for x in p.get("loc", ()) if x != "body") or "body"
            parts.append(f"{where}: {p.get('msg', 'invalid')}")
        return error_response(request, 422, "; ".join(parts))

    @app.exception_handler(BadInput)
    @app.exception_handler(ConfigError)
    @app.exception_handler(TransientError)
    async def store_error(request: Request, err: Exception) -> Response:
        status = _status_of(err)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, err)
        return error_response(request, status, str(err))

    # -- metrics and headers on every response -------------------------------------------------

    @app.middleware("http")
    async def observe(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        label = getattr(route, "path", "unmatched")
        metrics.requests.labels(request.method, label, str(response.status_code)).inc()
        metrics.latency.labels(label).observe(time.perf_counter() - start)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def require_token(request: Request) -> None:
        if not settings.token:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), settings.token.encode()
        ):
            raise HTTPException(
                401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
            )

    authorized = [Depends(require_token)]

    # -- reading bots ----------------------------------------------------------------------------

    def bot_files(summary: BotSummary) -> dict:
        base = f"/bots/{summary.bot}"
        return {
            "page": base,
            "predictions_png": f"{base}/files/predictions.png",
            "loss_png": f"{base}/files/loss.png",
        }

    def details(bot: str) -> tuple[BotSummary, Manifest, str]:
        summary = catalog.summary(bot)
        manifest = catalog.manifest(bot)
        try:
            data = read_published(store, manifest, "README.md", 1024 * 1024)
        except StaleManifest:
            manifest = catalog.manifest(bot, fresh=True)
            data = read_published(store, manifest, "README.md", 1024 * 1024)
        return summary, manifest, data.decode("utf-8", "replace") if data else ""

    def page_of(q: str, page: int, per_page: int) -> dict:
        bots, total = catalog.page(q, page, per_page)
        return {"bots": bots, "total": total, "page": page, "per_page": per_page, "q": q}

    # -- the API --------------------------------------------------------------------------------

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok", "models_loaded": cache.count, "bases_loaded": cache.bases}

    @app.get("/metrics")
    def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/api/bots", dependencies=authorized)
    def api_bots(
        q: Annotated[str, Query(max_length=100)] = "",
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = settings.per_page,
    ) -> dict:
        found = page_of(q, page, per_page)
        found["bots"] = [{**b.to_dict(), "files": bot_files(b)} for b in found["bots"]]
        return found

    @app.get("/api/bots/{bot}", dependencies=authorized)
    def api_bot(bot: str) -> dict:
        summary, _, card = details(bot)
        return {**summary.to_dict(), "files": bot_files(summary), "prompts": card_prompts(card)}

    def warm_model(bot: str) -> LoadedModel:
        manifest = catalog.manifest(bot)
        try:
            return cache.get(store, manifest)
        except StaleManifest:  # a refresh landed after we read the manifest: read it again
            return cache.get(store, catalog.manifest(bot, fresh=True))

    def sample_with(loaded: LoadedModel, body: GenerateRequest) -> list[str]:
        with cache.generating(loaded) as model:  # one at a time, an adapter bot's made active
            return sample(
                loaded.tokenizer,
                model,
                body.prompt,
                n=body.n,
                seed=body.seed,
                max_new_tokens=body.max_new_tokens,
                temperature=body.temperature,
                top_p=body.top_p,
                truncate=False,  # the API answers 422 rather than cut the prompt
            )

    @app.post("/api/bots/{bot}/generate", dependencies=authorized)
    async def api_generate(bot: str, body: GenerateRequest) -> dict:
        if state["pending"] >= capacity:
            metrics.rejected.inc()
            raise HTTPException(
                429,
                f"busy: {state['pending']} generations running or queued; retry later",
                headers={"Retry-After": "1"},
            )
        state["pending"] += 1
        try:
            loaded = await run_in_threadpool(warm_model, bot)
            try:
                samples = await run_in_threadpool(sample_with, loaded, body)
            except BadInput as err:  # the prompt does not fit the model's context
                raise HTTPException(422, str(err)) from None
        finally:
            state["pending"] -= 1
        metrics.samples.inc(len(samples))
        return {"bot": bot, "revision": loaded.revision, "samples": samples}

    # -- pages ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def gallery(
        request: Request,
        q: Annotated[str, Query(max_length=100)] = "",
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ) -> Response:
        found = page_of(q, page, settings.per_page)
        pages = max(1, -(-found["total"] // settings.per_page))
        return templates.TemplateResponse(request, "gallery.html", {**found, "pages": pages})

    @app.get("/bots/{bot}", response_class=HTMLResponse)
    def bot_page(request: Request, bot: str) -> Response:
        summary, _, card = details(bot)
        context = {
            "bot": summary,
            "files": bot_files(summary),
            "card_html": render_card(card, summary.bot) if card else "",
            "prompts": card_prompts(card),
            "token_required": bool(settings.token),
            "limits": {"n": MAX_SAMPLES, "max_new_tokens": MAX_NEW_TOKENS},
        }
        return templates.TemplateResponse(request, "bot.html", context)

    @app.get("/bots/{bot}/files/{name}")
    def bot_file(bot: str, name: str) -> Response:
        if name not in IMAGES:
            raise HTTPException(404, f"no file {name[:80]!r}: only {', '.join(IMAGES)}")
        manifest = catalog.manifest(bot)
        try:
            data = read_published(store, manifest, name, MAX_IMAGE_BYTES)
        except StaleManifest:
            data = read_published(store, catalog.manifest(bot, fresh=True), name, MAX_IMAGE_BYTES)
        if data is None:
            raise HTTPException(404, f"{bot} has no {name}")
        return Response(data, media_type="image/png", headers={"Cache-Control": "max-age=60"})

    return app

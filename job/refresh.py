"""Refresh a published bot: fetch only new posts, merge, rebuild, retrain when it is worth it.

1. Fetch: API sources (``incremental``) return only posts newer than the newest stored one
   (X ``since_id``; Bluesky and Mastodon stop at the first post that is not newer); snapshot
   sources (archive, file) return everything and replace what is stored. Posts are merged by
   id, new ones first, never twice.
2. Decide: retrain when the kept text (the characters the data rules keep, all handles) grew
   by at least ``min_growth`` (default 10%) since the text the published model was trained on
   (``refresh.json`` remembers it, so small refreshes add up). The decision is a
   ``RefreshPlan``, written into the staging folder once its raw/ is complete.
3. Build the new bot in a staging view of the store, ``<bot>/.staging/<rev>/`` with the normal
   layout inside: raw/ (merged), then the normal pipeline (prepare, train, publish) when
   retraining, or only prepare when not, keeping the published model, card and metrics.
4. Promote it atomically (job.promote: the switch, finishing after a crash, leftovers).

A bot that has never been published is simply built, as ``htctl run`` would.
"""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from job import layout, markers
from job.bots import Bot
from job.dataset import check_enough_text, load_raw, prepare
from job.errors import BadInput
from job.lease import Lease, hold
from job.manifest import (
    STAGE_FOLDERS,
    Manifest,
    ManifestFile,
    entry_for_bytes,
    new_manifest,
    read_manifest,
    stored_entries,
)
from job.options import RunOptions, TrainSettings
from job.pipeline import run as run_pipeline
from job.post_merge import merge, newest_id
from job.promote import (
    drop_staging,
    finish_promote,
    leftover_staging,
    new_revision,
    promote,
    staging_view,
)
from job.rank import Rank
from job.rules import curate
from job.scrape import write_raw
from job.sources import source_for
from job.sources.base import Fetched
from job.store import Store, write_json

log = logging.getLogger("htctl")

DEFAULT_MIN_GROWTH = 0.10
REFRESHED_FOLDERS = STAGE_FOLDERS  # what a refresh rebuilds without retraining


@dataclass
class RefreshOptions:
    min_growth: float = DEFAULT_MIN_GROWTH
    until: str = "publish"  # "prepare": fetch and decide; a due retraining is only staged
    force_retrain: bool = False
    seed: int | None = None  # None: the published dataset's seed
    base_model: str | None = None  # None: the published model's base model
    work_dir: Path | None = None
    train: TrainSettings = field(default_factory=TrainSettings)
    hub_repo: str | None = None
    rank: Rank = field(default_factory=Rank.from_env)  # read once, where the options are built

    def __post_init__(self) -> None:
        if self.until not in ("prepare", "publish"):
            raise BadInput(f"refresh --until is prepare or publish, not {self.until!r}")
        if self.min_growth < 0:
            raise BadInput(f"--min-growth must be at least 0, not {self.min_growth}")


@dataclass
class RefreshResult:
    bot: str
    new_posts: dict[str, int]
    trained_chars: int  # kept characters the published model was trained on
    kept_chars: int  # kept characters now
    retrained: bool = False
    revision: str | None = None
    summary: str = ""
    staged: bool = False  # a prepare step left a build for the training step

    @property
    def growth(self) -> float:
        return (self.kept_chars - self.trained_chars) / max(1, self.trained_chars)

    def as_dict(self) -> dict:
        return asdict(self) | {"growth": round(self.growth, 6)}


def kept_chars(posts_by_handle: dict[str, list[dict]]) -> int:
    return sum(curate(posts).kept_chars for posts in posts_by_handle.values())


@dataclass
class Fetch:
    fetched: dict[str, Fetched]
    new_posts: dict[str, int]
    changed: bool


def fetch_new(bot: Bot, old: dict[str, list[dict]]) -> Fetch:
    """Fetch each handle's new posts and merge them with the stored ones (nothing written)."""
    fetched, new_counts, changed = {}, {}, False
    for handle in bot.handles:
        source = source_for(handle)
        stored = old.get(handle.key, [])
        if getattr(source, "incremental", False) and stored:
            since = newest_id(stored)
            result = source.fetch(handle, since_id=since)
            posts = merge(result.posts, stored)
        else:
            result = source.fetch(handle)
            posts = merge(result.posts, [])
        known = {str(p.get("id")) for p in stored}
        new_counts[handle.key] = sum(1 for p in posts if str(p.get("id")) not in known)
        changed = changed or [p.get("id") for p in posts] != [p.get("id") for p in stored]
        check_enough_text(handle.key, curate(posts))
        fetched[handle.key] = Fetched(profile=result.profile, posts=posts)
        log.info("@%s: %d new posts (%d in all)", handle.key, new_counts[handle.key], len(posts))
    return Fetch(fetched=fetched, new_posts=new_counts, changed=changed)


def stored_raw(store: Store, bot: Bot) -> dict[str, list[dict]]:
    return {
        key: load_raw(store, bot, key)
        for key in bot.keys
        if markers.raw_meta(store, bot.name, key) is not None
    }


def trained_chars(store: Store, bot: Bot, old: dict[str, list[dict]]) -> int:
    """Kept characters of the text the published model was trained on."""
    state = markers.read_marker(
        store, layout.refresh_state(bot.name), markers.fields(trained_kept_chars=markers.is_count)
    )
    if state is not None:
        return state["trained_kept_chars"]
    return kept_chars(old)  # never refreshed: raw/ is still what it was trained on


def published_settings(store: Store, bot: str, options: RefreshOptions) -> RunOptions:
    """Retrain like the published bot: its seed and base model unless given."""
    seed, base_model = options.seed, options.base_model
    if seed is None:
        stats = markers.read_marker(store, layout.stats(bot), markers.fields(seed=markers.is_int))
        seed = stats["seed"] if stats else 0
    if base_model is None:
        metrics = markers.metrics(store, bot)
        hyper = (metrics or {}).get("hyperparameters") or {}
        found = hyper.get("base_model")
        base_model = found if isinstance(found, str) else None
    return RunOptions(
        until="publish",
        seed=seed or 0,
        base_model=base_model or "gpt2",
        work_dir=options.work_dir,
        train=options.train,
        hub_repo=options.hub_repo,
        rank=options.rank,
    )


# --- the plan --------------------------------------------------------------------------------


@dataclass
class RefreshPlan:
    """What a refresh decided; written into its staging folder once the staged raw/ is
    complete, so that a crashed or two-step refresh resumes with the same decision."""

    rev: str
    retrain: bool
    trained_chars: int  # kept characters the published model was trained on
    kept_chars: int  # kept characters after the merge
    new_posts: dict[str, int]
    growth: float

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RefreshPlan:
        """From a plan marker already checked against ``PLAN_CHECK``."""
        return cls(**{name: data[name] for name in PLAN_FIELDS})


PLAN_FIELDS = tuple(f.name for f in fields(RefreshPlan))
PLAN_CHECK = markers.fields(
    rev=lambda v: isinstance(v, str),
    retrain=lambda v: isinstance(v, bool),
    trained_chars=markers.is_count,
    kept_chars=markers.is_count,
    new_posts=lambda v: isinstance(v, dict),
    growth=markers.is_number,
)


def _decide(store: Store, bot: Bot, options: RefreshOptions) -> tuple[RefreshPlan, Fetch]:
    """Fetch and decide (nothing written): the plan and what was fetched."""
    old = stored_raw(store, bot)
    fetched = fetch_new(bot, old)
    before = trained_chars(store, bot, old)
    after = kept_chars({k: f.posts for k, f in fetched.fetched.items()})
    growth = (after - before) / max(1, before)
    due = options.force_retrain or growth >= options.min_growth
    plan = RefreshPlan(new_revision(), due, before, after, fetched.new_posts, growth)
    return plan, fetched


def _resumable(store: Store, bot: str, revs: list[str]) -> tuple[str, RefreshPlan] | None:
    """A crashed refresh whose staged raw/ is complete (its plan written) can continue, e.g.
    training from its checkpoint after a preemption; others are deleted."""
    for rev in reversed(revs):
        plan = markers.read_marker(store, layout.refresh_plan(bot, rev), PLAN_CHECK)
        if plan is not None:
            return rev, RefreshPlan.from_json(plan)
    return None


def staged_revision(store: Store, bot: Bot) -> str | None:
    """The build a prepare step (or a crashed refresh) staged for training, if one can resume:
    the training step of a two-step run trains it rather than fetch and stage again."""
    live = read_manifest(store, bot.name)
    if live is None:
        return None
    resumed = _resumable(store, bot.name, leftover_staging(store, bot.name, live))
    return resumed[0] if resumed else None


# --- building the new bot in staging --------------------------------------------------------


def _stage_raw(store: Store, bot: Bot, plan: RefreshPlan, fetched: Fetch) -> None:
    """The merged posts of every handle into the staging folder's raw/."""
    view = staging_view(store, bot.name, plan.rev)
    for handle in bot.handles:
        write_raw(view, bot, handle, fetched.fetched[handle.key])


def _state_entry(view: Store, bot: str, state: dict) -> ManifestFile:
    write_json(view, layout.refresh_state(bot), state)
    return entry_for_bytes(layout.REFRESH_STATE, view.read_bytes(layout.refresh_state(bot)))


def _build_staged(
    view: Store, bot: Bot, plan: RefreshPlan, live: Manifest, run: RunOptions
) -> tuple[Manifest, set[str]]:
    """Build the new bot in the staging view: the target manifest (keys == paths) and the
    paths whose bytes are in staging. Retraining runs the whole pipeline there, so every file
    is staged; otherwise only raw/, dataset/ and refresh.json are, and the published model,
    card and metrics stay where they are."""
    name = bot.name
    with tempfile.TemporaryDirectory(prefix="htctl-refresh-") as tmp:
        if plan.retrain:
            run_pipeline(view, bot, run)
            built = read_manifest(view, name)
            if built is None:
                raise AssertionError(f"the staged pipeline of {name} published no manifest")
            state = {"trained_kept_chars": plan.kept_chars, "refresh": plan.rev}
            staged_files = [*built.files, _state_entry(view, name, state)]
            kept: list[ManifestFile] = []
        else:
            prepare(view, bot, run)
            state = {"trained_kept_chars": plan.trained_chars, "refresh": plan.rev}
            staged_files = [
                *stored_entries(view, name, Path(tmp), REFRESHED_FOLDERS),
                _state_entry(view, name, state),
            ]
            kept = [f for f in live.files if not _refreshed_path(f.path)]
    files = [ManifestFile(f.path, f.path, f.size, f.sha256) for f in [*kept, *staged_files]]
    return new_manifest(name, files), {f.path for f in staged_files}


def _refreshed_path(path: str) -> bool:
    return path.startswith(REFRESHED_FOLDERS) or path == layout.REFRESH_STATE


# --- refresh ---------------------------------------------------------------------------------


def _summary(plan: RefreshPlan, options: RefreshOptions) -> str:
    growth = (plan.kept_chars - plan.trained_chars) / max(1, plan.trained_chars)
    if plan.retrain:
        return f"retrained: kept text {growth:+.1%} since the last training"
    return (
        f"raw/ and dataset/ updated, published model kept: kept text {growth:+.1%} since the "
        f"last training (below {options.min_growth:.0%})"
    )


def _result(
    name: str, plan: RefreshPlan, revision: str | None, summary: str, **flags
) -> RefreshResult:
    return RefreshResult(
        name,
        dict(plan.new_posts),
        int(plan.trained_chars),
        int(plan.kept_chars),
        revision=revision,
        summary=summary,
        **flags,
    )


def refresh(store: Store, bot: Bot, options: RefreshOptions | None = None) -> RefreshResult:
    """Bring a published bot up to date (see the module doc).

    ``until="prepare"`` (the CPU step of a two-step Job or Argo workflow) fetches and decides;
    when retraining is due it stages raw/ and dataset/ for the training step and publishes
    nothing, else it promotes the new raw/ and dataset/. ``until="publish"`` resumes what a
    prepare step staged, or does everything itself. Under torchrun (WORLD_SIZE > 1) every rank
    only trains a staged build and rank 0 alone promotes it.
    """
    options = options or RefreshOptions()  # checked when built
    store.check()
    with hold(store, bot.name, options.rank) as lease:  # one writer of the bot at a time
        return _refresh_held(store, bot, options, lease)


def _refresh_held(store: Store, bot: Bot, options: RefreshOptions, lease: Lease) -> RefreshResult:
    """recover, resume or plan, stage, build, promote."""
    name = bot.name
    rank, world = options.rank.index, options.rank.world_size
    live = _recover(store, name, rank)
    if live is None:
        return _first_build(store, bot, options)
    leftovers = leftover_staging(store, name, live)
    resumed = _resumable(store, name, leftovers) if options.until == "publish" else None
    if world > 1 and resumed is None:
        idle = "nothing staged to train on this rank"
        return RefreshResult(name, {}, 0, 0, revision=live.revision, summary=idle)
    if rank == 0:
        for rev in leftovers:
            if resumed is None or rev != resumed[0]:
                drop_staging(store, name, rev)
    run = published_settings(store, name, options)
    if resumed is not None:
        rev, plan = resumed
        log.info("%s: resuming the refresh staged as %s", name, rev)
    else:
        plan, fetched = _decide(store, bot, options)
        if not (fetched.changed or plan.retrain):
            return _result(name, plan, live.revision, "no new posts and no retraining due")
        rev = plan.rev
        _stage(store, bot, plan, fetched, run, options)
        if options.until == "prepare" and plan.retrain:
            summary = (
                f"staged for retraining (kept text {plan.growth:+.1%} since the last "
                f"training): `htctl refresh {bot.spec}` trains and publishes it"
            )
            return _result(name, plan, live.revision, summary, staged=True)
    view = staging_view(store, name, rev)
    if rank != 0:  # the other ranks only take part in training; rank 0 publishes and promotes
        if plan.retrain:
            run_pipeline(view, bot, replace(run, until="train"))
        done = "trained" if plan.retrain else "nothing to train"
        return _result(name, plan, live.revision, f"rank {rank}: {done}")
    target, staged = _build_staged(view, bot, plan, live, run)
    lease.ensure_held()  # the switch: only while the bot is still ours
    final = promote(store, name, rev, target, staged)
    return _result(name, plan, final.revision, _summary(plan, options), retrained=plan.retrain)


def _recover(store: Store, bot: str, rank: int) -> Manifest | None:
    """A promote a crash interrupted completes first (rank 0); the live manifest."""
    if rank == 0:
        finish_promote(store, bot, None)
    return read_manifest(store, bot)


def _stage(
    store: Store,
    bot: Bot,
    plan: RefreshPlan,
    fetched: Fetch,
    run: RunOptions,
    options: RefreshOptions,
) -> None:
    """Stage the merged raw/ (and, for a prepare step that leaves the training to the next
    step, the dataset), then the plan: the marker that the staged build can resume."""
    _stage_raw(store, bot, plan, fetched)
    if options.until == "prepare" and plan.retrain:
        prepare(staging_view(store, bot.name, plan.rev), bot, run)
    write_json(store, layout.refresh_plan(bot.name, plan.rev), plan.to_json())


def _first_build(store: Store, bot: Bot, options: RefreshOptions) -> RefreshResult:
    """No published bot yet: build it the normal way (what ``htctl run`` does)."""
    run = replace(published_settings(store, bot.name, options), until=options.until)
    run_pipeline(store, bot, run)
    live = read_manifest(store, bot.name)
    raw = stored_raw(store, bot)
    chars = kept_chars(raw)
    return RefreshResult(
        bot.name,
        {k: len(v) for k, v in raw.items()},
        0,
        chars,
        live is not None,
        live.revision if live else None,
        "not published before: built from scratch" + ("" if live else f" up to {options.until}"),
    )


def result_json(result: RefreshResult) -> str:
    return json.dumps(result.as_dict(), sort_keys=True)


def prepare_for_ranks(store: Store, bot: Bot, options: RefreshOptions) -> None:
    """The CPU step before training in N ranks: fetch and decide once, unless a build is staged
    already (an Argo prepare step, or a preempted attempt whose checkpoint must not be thrown
    away); the ranks then train it and rank 0 promotes it."""
    staged = staged_revision(store, bot)
    if staged is None:
        prepared = refresh(store, bot, replace(options, until="prepare"))
        log.info("%s: %s", prepared.bot, prepared.summary)
    else:
        log.info("%s: training the build staged as %s", bot.name, staged)

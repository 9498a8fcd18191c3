"""``htctl serve`` latency: cold first request, warm p50/p95, requests/s, cache memory.

    .venv/bin/python benchmarks/serve_latency.py                 # 4 tiny bots, this CPU
    .venv/bin/python benchmarks/serve_latency.py --bots 8 --max-new-tokens 60

Publishes ``--bots`` tiny models (distinct weights) to a temporary local store, then for each
torch thread count (1 and every CPU this process may use) starts a real ``htctl serve`` and
measures over HTTP:

- cold: the first generate of a bot (manifest read, model load, sampling);
- warm: ``--requests`` sequential generates of the same bot, p50 and p95;
- throughput: ``--clients`` concurrent clients on the warm bot for ``--seconds``; answered
  requests per second and how many got 429 (the queue is full);
- memory: the cache's weights (/metrics) and the server's resident memory growth after every
  bot was loaded once.

``--list-bots N`` also times ``htctl list``'s reading (job.catalog.list_bots) over N bots that
have only what it reads (manifest, stats.json, metrics.json) in a local store.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def publish_tiny_bots(store_dir: Path, count: int) -> list[str]:
    """``count`` bots whose manifests list a tiny model each (what serving reads)."""
    from transformers import GenerationConfig

    from job.manifest import entry_for_file, new_manifest, write_manifest
    from job.models import generation_config, save_tiny, tiny_tokenizer
    from job.store import open_store, upload_tree

    store = open_store(str(store_dir))
    names = []
    for i in range(count):
        name = f"bench_bot_{i}"
        folder = save_tiny(store_dir.parent / f"model-{i}", seed=i)
        config: GenerationConfig = generation_config(tiny_tokenizer())
        config.save_pretrained(folder)
        upload_tree(store, f"{name}/model", folder)
        files = [entry_for_file(f"model/{p.name}", p) for p in folder.iterdir() if p.is_file()]
        write_manifest(store, new_manifest(name, files))
        names.append(name)
    return names


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def metric(text: str, name: str) -> float:
    return next(float(line.split()[1]) for line in text.splitlines() if line.startswith(name + " "))


def start(store: Path, threads: int, bots: int, cache: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HT_CACHE": str(cache)}
    env.pop("OMP_NUM_THREADS", None)
    args = ["--threads", str(threads), "--max-models", str(bots), "--queue", "64"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", "serve", "--store", str(store), "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(url + "/healthz", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("htctl serve did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(store: Path, names: list[str], threads: int, args, cache: Path) -> dict:
    proc, url = start(store, threads, len(names), cache)
    body = {"prompt": "My dream is", "n": 1, "max_new_tokens": args.max_new_tokens}
    try:
        client = httpx.Client(base_url=url, timeout=300)
        rss_before = rss_bytes(proc.pid)
        cold = []
        for name in names:
            t = time.perf_counter()
            answer = client.post(f"/api/bots/{name}/generate", json=body)
            cold.append(time.perf_counter() - t)
            answer.raise_for_status()
        rss_after = rss_bytes(proc.pid)
        cache_bytes = metric(client.get("/metrics").text, "htctl_serve_model_cache_bytes")
        warm = []
        for i in range(args.requests):
            t = time.perf_counter()
            client.post(f"/api/bots/{names[0]}/generate", json={**body, "seed": i})
            warm.append(time.perf_counter() - t)
        done, refused, stop = [0], [0], time.monotonic() + args.seconds
        lock = threading.Lock()

        def client_loop(k: int) -> None:
            with httpx.Client(base_url=url, timeout=300) as c:
                i = 0
                while time.monotonic() < stop:
                    seed = k * 100_000 + i  # the warm bot, as for the latency figures
                    code = c.post(f"/api/bots/{names[0]}/generate", json={**body, "seed": seed})
                    with lock:
                        (done if code.status_code == 200 else refused)[0] += 1
                    i += 1

        workers = [threading.Thread(target=client_loop, args=(k,)) for k in range(args.clients)]
        t = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - t
        return {
            "threads": threads,
            "cold_first_s": cold[0],
            "cold_mean_s": statistics.mean(cold),
            "warm_p50_ms": percentile(warm, 0.5) * 1000,
            "warm_p95_ms": percentile(warm, 0.95) * 1000,
            "rps": done[0] / elapsed,
            "refused": refused[0],
            "cache_mb": cache_bytes / 2**20,
            "rss_growth_mb": (rss_after - rss_before) / 2**20,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def time_listing(count: int, folder: Path) -> float:
    """Seconds for list_bots over ``count`` bots holding only what a listing reads."""
    from job.catalog import list_bots
    from job.manifest import entry_for_file, new_manifest, write_manifest
    from job.store import open_store, write_json

    store = open_store(str(folder))
    for i in range(count):
        name = f"list_bot_{i:05d}"
        stats = {"handles": {name: {"downloaded": 10, "retweets": 1, "short": 1, "kept": 8}}}
        write_json(store, f"{name}/dataset/stats.json", stats)
        write_json(store, f"{name}/metrics.json", {"eval_loss_before": 5, "eval_loss_after": 3})
        entries = [
            entry_for_file(path, folder / name / path)
            for path in ("dataset/stats.json", "metrics.json")
        ]
        write_manifest(store, new_manifest(name, entries))
    start = time.perf_counter()
    found = list_bots(store)
    elapsed = time.perf_counter() - start
    assert len(found) == count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description="htctl serve latency")
    parser.add_argument("--bots", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--max-new-tokens", type=int, default=40)
    parser.add_argument("--list-bots", type=int, default=0)
    args = parser.parse_args()
    from job.hardware import cpu_threads

    counts = sorted({1, cpu_threads()})
    with tempfile.TemporaryDirectory(prefix="htctl-serve-bench-") as tmp:
        store = Path(tmp) / "store"
        names = publish_tiny_bots(store, args.bots)
        print(
            f"{args.bots} tiny bots, {args.max_new_tokens} new tokens per request, "
            f"{args.clients} clients for {args.seconds:.0f}s, {os.cpu_count()} CPUs "
            f"({cpu_threads()} usable)"
        )
        header = (
            "threads  cold first  cold mean  warm p50  warm p95   req/s  429s  cache MB  RSS+ MB"
        )
        print(header)
        for threads in counts:
            r = measure(store, names, threads, args, Path(tmp) / f"cache-{threads}")
            print(
                f"{r['threads']:>7}  {r['cold_first_s']:>9.2f}s  {r['cold_mean_s']:>8.2f}s  "
                f"{r['warm_p50_ms']:>6.0f}ms  {r['warm_p95_ms']:>6.0f}ms  {r['rps']:>6.1f}  "
                f"{r['refused']:>4}  {r['cache_mb']:>8.2f}  {r['rss_growth_mb']:>7.1f}",
                flush=True,
            )
        if args.list_bots:
            seconds = time_listing(args.list_bots, Path(tmp) / "list-store")
            print(f"htctl list over {args.list_bots} bots (local store): {seconds:.2f}s")


if __name__ == "__main__":
    main()

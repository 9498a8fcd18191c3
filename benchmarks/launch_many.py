"""Launch many bots against a local Kubernetes API (kmock) and measure the launcher.

    python benchmarks/launch_many.py [--bots 2000] [--qps 100] [--burst 100] [--concurrency 8]

The API server runs in a child process, so the peak memory printed is the launcher's own
(its peak RSS: the interpreter, the kubernetes client and the launch).
Prints the requests made (by the launcher, and as counted by the server), the request rate
(never above --qps, after the first --burst), peak memory, and as its last line
`launch: N jobs in S s`. A relaunch of the same file is timed too: it must create nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_users import users  # noqa: E402  (benchmarks/, the script's folder)


def serve(conn) -> None:
    from tests.servers.kube import KubeServer

    with KubeServer(keep_requests=64) as server:
        conn.send(server.url)
        conn.recv()  # until the parent is done
        seen = server.in_loop(lambda: server.requests_seen + len(server.emulator._requests))
        conn.send((seen, len(server.objects())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bots", type=int, default=2000)
    parser.add_argument("--qps", type=float, default=100.0)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    from kubernetes import client

    from job.bots import parse_users_text
    from job.cluster.client import Api
    from job.cluster.launch import launch
    from job.settings import load_settings

    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=serve, args=(child,), daemon=True)
    proc.start()
    url = parent.recv()

    settings = load_settings(
        {
            "store": "s3://bench/bots",
            "qps": str(args.qps),
            "burst": str(args.burst),
            "concurrency": str(args.concurrency),
        },
        environ={},
    )
    cfg = client.Configuration()
    cfg.host = url
    cfg.retries = 0
    cfg.connection_pool_maxsize = args.concurrency
    bots = parse_users_text(users(args.bots))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    api = Api(client.ApiClient(cfg), settings)
    start = time.perf_counter()
    summary = launch(bots, settings, api)
    elapsed = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    again_api = Api(client.ApiClient(cfg), settings)
    again_start = time.perf_counter()
    again = launch(bots, settings, again_api)
    again_s = time.perf_counter() - again_start

    parent.send("done")
    server_requests, objects = parent.recv()
    proc.join(10)

    created = summary.count("created")
    print(
        f"bots: {len(bots)}  qps limit: {args.qps:g}  burst: {args.burst}  "
        f"workers: {args.concurrency}"
    )
    print(f"{summary.line()}")
    print(f"requests made by launch: {summary.requests} ({summary.requests / elapsed:.1f}/s)")
    print(f"requests seen by the API server (both launches): {server_requests}")
    print(f"Jobs stored by the server: {objects}")
    print(
        f"relaunch: {again.count('skipped')} skipped, {again.count('created')} created, "
        f"{again.requests} requests in {again_s:.2f} s"
    )
    print(f"peak RSS of the launcher: {rss_after:.0f} MiB (before launch: {rss_before:.0f} MiB)")
    print(f"launch: {created} jobs in {elapsed:.1f} s")


if __name__ == "__main__":
    main()

"""Time `htctl render` of many bots, as a user runs it: the CLI in a subprocess, stdout to a file.

    python benchmarks/render_many.py [--bots 10000]

Prints the wall time of the whole command (interpreter start, users.txt parsing, building the
Jobs, writing the stream), the output size, and checks the output: one Job per bot, every
document readable by a YAML reader (a sample through PyYAML, all of them as JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench_users import users  # benchmarks/, the script's folder

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bots", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        users_file, out_file = Path(tmp) / "users.txt", Path(tmp) / "jobs.yaml"
        users_file.write_text(users(args.bots))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
        cmd = [sys.executable, "-m", "job", "render", str(users_file), "--store", "s3://b/p"]
        start = time.perf_counter()
        with out_file.open("w") as out:
            done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, env=env)
        seconds = time.perf_counter() - start
        if done.returncode:
            sys.exit(f"render failed: {done.stderr}")
        text = out_file.read_text()
        docs = [json.loads(d) for d in text.split("---\n") if d.strip()]
        sample = list(yaml.safe_load_all("".join(f"---\n{json.dumps(d)}\n" for d in docs[:50])))
        assert len(docs) == args.bots and sample == docs[:50], "not one Job per bot"
        assert len({d["metadata"]["name"] for d in docs}) == args.bots, "Job names collide"
    print(f"output: {len(text) / 1e6:.1f} MB, {len(docs)} Jobs")
    print(f"render: {args.bots} bots in {seconds:.2f} s")


if __name__ == "__main__":
    main()

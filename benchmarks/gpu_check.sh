#!/usr/bin/env bash
# The first GPU check, in one call of the device tool, as
# benchmarks/README.md "gpu_check.sh and gpu_wheels.sh: the first GPU" says:
# on one H200 with Python 3.12, torch, transformers, peft and accelerate and no network, in
# under 8 minutes, it writes to $OUT:
#
#   summary.txt        versions, then every figure below, one line each
#   mfu-default.json   train_throughput.py --gpt2: seed and project at the default micro-batch
#   mfu-large.json     the project's engine at a large micro-batch (--micro-batch, 64)
#   run-full.log       a full `htctl run` of the sample archive on a gpt2-sized random base
#   run-lora.log       the same with --adapter lora, when `htctl run --help` lists --adapter
#   runs.json          per run: wall time per phase (from htctl's log), metrics.json, model size
#
# The wheels it needs (deepspeed, boto3, ...) come from .whl/, built by benchmarks/gpu_wheels.sh.
# HT_GPU_CHECK_CPU=1 (or --dry-run) runs the same steps on a CPU, tiny and short, to check the
# script itself; OUT defaults to /tmp/gpu-check-out there.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CPU=${HT_GPU_CHECK_CPU:-0}
[[ ${1:-} == --dry-run ]] && CPU=1
OUT=${OUT:-/tmp/gpu-check-out}
BUDGET=${HT_GPU_CHECK_BUDGET:-450} # seconds for everything: the device call's limit is more
LARGE_BATCH=${HT_GPU_CHECK_MICRO_BATCH:-64}
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
START=$(date +%s)
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"

say() { echo "$*" | tee -a "$SUMMARY"; }
left() { echo $((BUDGET - ($(date +%s) - START))); }
# step SECONDS NAME COMMAND...: run with a time limit cut to what is left of the budget.
step() {
  local cap=$1 name=$2
  shift 2
  local limit
  limit=$(left)
  ((limit > cap)) && limit=$cap
  if ((limit < 20)); then
    say "$name: skipped, the ${BUDGET} s budget is spent"
    return 124
  fi
  local t0 rc
  t0=$(date +%s)
  timeout --signal=TERM --kill-after=10 "$limit" "$@"
  rc=$?
  say "$name: exit $rc in $(($(date +%s) - t0)) s (limit ${limit} s)"
  return $rc
}

export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 WANDB_MODE=disabled
export HT_CACHE_DIR=$WORK/cache HT_PROGRESS_INTERVAL=30
if [[ $CPU == 1 ]]; then
  export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
  say "mode: CPU dry run (HT_GPU_CHECK_CPU=1): tiny models, a few steps; no figure here means anything"
elif compgen -G ".whl/*.whl" >/dev/null; then
  # What the GPU image lacks, installed beside it (the image's torch and transformers stay).
  "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl || say "wheels: install failed"
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH}

# -- versions ----------------------------------------------------------------------------------
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null |
  sed 's/^/gpu: /' | tee -a "$SUMMARY"
"$PYTHON" - <<'EOF' 2>&1 | tee -a "$SUMMARY"
import importlib.metadata as m, platform
names = ["torch", "transformers", "accelerate", "peft", "deepspeed", "huggingface_hub", "boto3"]
def version(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return "missing"
print(f"python {platform.python_version()}; " + ", ".join(f"{n} {version(n)}" for n in names))
EOF

# -- MFU: gpt2-sized random init, the default micro-batch, then a large one --------------------
if [[ $CPU == 1 ]]; then
  bench=(--model tiny --steps 4 --warmup 1 --peak-tflops "${HT_PEAK_TFLOPS:-1}")
  LARGE_BATCH=${HT_GPU_CHECK_MICRO_BATCH:-8}
else
  bench=(--gpt2 --steps 30 --warmup 5)
fi
bench+=(--repeats 1 --skip-pipeline)
step 150 "mfu default" "$PYTHON" benchmarks/train_throughput.py "${bench[@]}" \
  --json "$OUT/mfu-default.json" 2>&1 | tail -n 5 | tee -a "$SUMMARY"
step 120 "mfu micro-batch $LARGE_BATCH" "$PYTHON" benchmarks/train_throughput.py "${bench[@]}" \
  --variants project --micro-batch "$LARGE_BATCH" --json "$OUT/mfu-large.json" 2>&1 |
  tail -n 3 | tee -a "$SUMMARY"

# -- a full htctl run on the sample archive, then the LoRA variant ------------------------------
BASE=$WORK/base
if [[ $CPU == 1 ]]; then
  BASE=tiny
  run_extra=(--max-steps 4)
else
  # gpt2's shape (124M parameters, block 1024) with the offline byte tokenizer: no download.
  "$PYTHON" - "$BASE" <<'EOF'
import sys
sys.path.insert(0, "benchmarks")
from train_throughput import build_model
model, tokenizer, _ = build_model("gpt2")
model.save_pretrained(sys.argv[1])
tokenizer.save_pretrained(sys.argv[1])
EOF
  run_extra=()
fi

# htctl_run NAME EXTRA...: one run into its own store; its log, and its start and end times.
htctl_run() {
  local name=$1
  shift
  local t0 rc
  t0=$(date +%s.%N)
  step 150 "htctl run ($name)" "$PYTHON" -m job run htctl_sample \
    --source "archive:$ROOT/examples/sample-archive" --store "$WORK/store-$name" \
    --base-model "$BASE" "${run_extra[@]}" "$@" >"$OUT/run-$name.log" 2>&1
  rc=$?
  echo "$name $t0 $(date +%s.%N) $rc" >>"$WORK/runs.txt"
  tail -n 3 "$OUT/run-$name.log" | sed "s/^/  $name| /"
}

htctl_run full
if "$PYTHON" -m job run --help 2>/dev/null | grep -q -- "--adapter"; then
  htctl_run lora --adapter lora
else
  say "lora: skipped: \`htctl run --help\` lists no --adapter option yet"
fi

# -- per-phase wall times from the runs' logs ---------------------------------------------------
"$PYTHON" - "$WORK" "$OUT" <<'EOF' 2>&1 | tee -a "$SUMMARY"
import json, re, sys
from datetime import datetime
from pathlib import Path

work, out = Path(sys.argv[1]), Path(sys.argv[2])
STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \w+ (.*)$")
# (event, pattern, last occurrence?): each phase runs from one event found to the next one.
EVENTS = [
    ("scrape", r": scrape$", False),
    ("prepare", r": prepare$", False),
    ("train", r": train$", False),
    ("loop", r"^train: started at step", False),
    ("loop end", r"^train: step \d+", True),
    ("train end", r"^train: eval loss .* -> ", False),
    ("publish", r": publish$", False),
    ("published", r": published \d+ files", False),
]
PHASES = {
    "start": "start-up (CLI imports)",
    "scrape": "scrape",
    "prepare": "prepare",
    "train": "train set-up: base model load, DeepSpeed init",
    "loop": "training loop (evaluations included)",
    "loop end": "final eval, save, upload",
    "train end": "between train and publish",
    "publish": "publish",
    "published": "exit",
}
runs = {}
lines_of = lambda path: path.read_text(errors="replace").splitlines() if path.exists() else []
for row in (work / "runs.txt").read_text().splitlines() if (work / "runs.txt").exists() else []:
    name, t0, t1, rc = row.split()
    stamped = []
    for line in lines_of(out / f"run-{name}.log"):
        if m := STAMP.match(line):
            when = datetime.strptime(m[1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            stamped.append((when, m[2]))
    events = [("start", float(t0))]
    for event, pattern, last in EVENTS:
        hits = [when for when, text in stamped if re.search(pattern, text)]
        if hits:
            events.append((event, hits[-1] if last else hits[0]))
    events.append(("end", float(t1)))
    phases = {
        PHASES[a]: round(t_b - t_a, 2) for (a, t_a), (_, t_b) in zip(events, events[1:])
    }
    store = work / f"store-{name}" / "htctl_sample"
    metrics_path = store / "metrics.json"
    metrics = json.loads(metrics_path.read_text()) if metrics_path.exists() else None
    model = store / "model"
    size = sum(p.stat().st_size for p in model.rglob("*") if p.is_file()) if model.exists() else 0
    runs[name] = {
        "exit": int(rc),
        "wall_seconds": round(float(t1) - float(t0), 2),
        "phases_seconds": phases,
        "metrics_timings": (metrics or {}).get("timings"),
        "model_mb": round(size / 1e6, 2),
        "metrics": metrics,
    }
    print(f"run {name}: exit {rc}, {float(t1) - float(t0):.1f} s wall, model {size / 1e6:.1f} MB")
    for phase, seconds in phases.items():
        print(f"  {phase:48s} {seconds:8.2f} s")
    if metrics:
        print(
            f"  eval loss {metrics.get('eval_loss_before')} -> {metrics.get('eval_loss_after')}, "
            f"train {metrics.get('train_seconds')} s, "
            f"{metrics.get('train_tokens_per_second')} tokens/s"
        )
        if metrics.get("timings"):
            print(f"  metrics.json timings: {json.dumps(metrics['timings'])}")
        else:
            print("  metrics.json has no timings yet: the phases above come from the log")
(out / "runs.json").write_text(json.dumps(runs, indent=2) + "\n")
EOF

say "gpu_check: done in $(($(date +%s) - START)) s; results in $OUT"
rm -rf "$WORK"

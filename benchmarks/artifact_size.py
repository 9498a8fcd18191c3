"""What one bot costs in the store: full fine-tuned weights against a LoRA adapter.

Builds random-init bases in the shapes of real ones (no download: the bytes on disk depend on
the shapes, not the values), saves each as a full model folder and as htctl's default LoRA
adapter (job/adapters.py), and prints the bytes of each and of 10,000 bots each way.

    python benchmarks/artifact_size.py [--bases gpt2 smollm2-135m] [--dtype float32 bfloat16]

Prints a table; the last line is ``artifact: X`` (full / adapter bytes for gpt2 in float32).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from job.adapters import with_adapter  # noqa: E402
from job.options import TrainSettings  # noqa: E402

BOTS = 10_000


def gpt2_config():
    from transformers import GPT2Config

    return GPT2Config()  # the 124M gpt2: 12 layers, 768 wide, 50257 tokens


def smollm2_config():
    from transformers import LlamaConfig

    # HuggingFaceTB/SmolLM2-135M's shape (its config.json).
    return LlamaConfig(
        vocab_size=49152,
        hidden_size=576,
        intermediate_size=1536,
        num_hidden_layers=30,
        num_attention_heads=9,
        num_key_value_heads=3,
        max_position_embeddings=8192,
        tie_word_embeddings=True,
    )


BASES = {"gpt2": gpt2_config, "smollm2-135m": smollm2_config}


def folder_bytes(folder: Path, suffix: str = ".safetensors") -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.name.endswith(suffix))


def measure(name: str, dtype_name: str, tmp: Path) -> tuple[int, int, int]:
    """(full bytes, adapter bytes, trainable parameters) of one base in one dtype."""
    import torch
    from transformers import AutoModelForCausalLM

    dtype = getattr(torch, dtype_name)
    model = AutoModelForCausalLM.from_config(BASES[name](), torch_dtype=dtype)
    full_dir, adapter_dir = tmp / f"{name}-{dtype_name}-full", tmp / f"{name}-{dtype_name}-lora"
    model.save_pretrained(full_dir)
    adapted = with_adapter(model, TrainSettings(adapter="lora"))
    adapted.save_pretrained(adapter_dir)
    trainable, _ = adapted.get_nb_trainable_parameters()
    return folder_bytes(full_dir), folder_bytes(adapter_dir), trainable


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000:
            return f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} PB"


def main() -> None:
    import torch
    from transformers.utils import logging as hf_logging

    torch.set_num_threads(1)
    hf_logging.disable_progress_bar()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bases", nargs="+", choices=sorted(BASES), default=sorted(BASES))
    parser.add_argument("--dtype", nargs="+", default=["float32", "bfloat16"])
    args = parser.parse_args()
    header = f"{'base':<14} {'dtype':<9} {'full':>10} {'adapter':>10} {'ratio':>7}"
    print(header + f" {'10k full':>10} {'10k adapter':>12} {'LoRA params':>12}")
    ratio_gpt2 = None
    with tempfile.TemporaryDirectory(prefix="htctl-artifact-") as tmp:
        for name in args.bases:
            for dtype in args.dtype:
                full, adapter, trainable = measure(name, dtype, Path(tmp))
                ratio = full / adapter
                if name == "gpt2" and dtype == "float32":
                    ratio_gpt2 = ratio
                print(
                    f"{name:<14} {dtype:<9} {human(full):>10} {human(adapter):>10} "
                    f"{ratio:>6.0f}x {human(full * BOTS):>10} {human(adapter * BOTS):>12} "
                    f"{trainable:>12,}"
                )
    if ratio_gpt2 is not None:
        print(f"artifact: {ratio_gpt2:.0f}")


if __name__ == "__main__":
    main()

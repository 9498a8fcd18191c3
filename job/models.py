"""Base models: a hub id, a local folder, a store path, or the offline ``tiny`` preset.

``tiny`` is a 2-layer GPT-2 with a byte-level tokenizer built in code (256 byte tokens plus
``<|endoftext|>``), randomly initialised: the whole pipeline runs with no download.
"""

from __future__ import annotations

from pathlib import Path

from job.rules import EOS

TINY = "tiny"


def tiny_tokenizer():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = pre_tokenizers.ByteLevel.alphabet()
    vocab = {ch: i for i, ch in enumerate(sorted(alphabet))}
    vocab[EOS] = len(vocab)
    core = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token=None))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core.decoder = decoders.ByteLevel()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token=EOS,
        eos_token=EOS,
        unk_token=EOS,
        model_max_length=256,
    )
    tokenizer.pad_token = EOS
    return tokenizer


def tiny_model(tokenizer, seed: int = 0):
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=256,
        n_embd=64,
        n_layer=2,
        n_head=2,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    return GPT2LMHeadModel(config)


def save_tiny(folder: Path, seed: int = 0) -> Path:
    """Write the tiny preset as a save_pretrained folder (what any other base model looks like)."""
    tokenizer = tiny_tokenizer()
    tiny_model(tokenizer, seed).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder

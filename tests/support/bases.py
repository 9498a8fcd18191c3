"""Tiny random-init base models of other architectures, with tokenizers built here.

Each is a save_pretrained folder, as ``--base-model PATH`` takes, whose tokenizer has a distinct
bos ``<s>`` and eos ``</s>`` and no ``<|endoftext|>``: the post separator is then the eos
(job/separator.py). The Llama one adds its bos itself, as Llama tokenizers do; the GPT-NeoX one
has no pad token.
"""

from __future__ import annotations

from pathlib import Path

ARCHITECTURES = ("llama", "qwen2", "gpt_neox")
SPECIALS = ["<s>", "</s>", "<pad>", "<unk>"]


def byte_tokenizer(adds_bos: bool, pad: bool = True):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    vocab = {token: i for i, token in enumerate([*SPECIALS, *alphabet])}
    core = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token=None))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core.decoder = decoders.ByteLevel()
    if adds_bos:
        core.post_processor = processors.TemplateProcessing(
            single="<s> $A", special_tokens=[("<s>", vocab["<s>"])]
        )
    return PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>" if pad else None,
        unk_token="<unk>",  # else Qwen2Tokenizer makes <|endoftext|> its unk token
        model_max_length=256,
    )


def base_config(architecture: str, tokenizer):
    from transformers import GPTNeoXConfig, LlamaConfig, Qwen2Config

    common = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        max_position_embeddings=256,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token else tokenizer.eos_token_id,
        tie_word_embeddings=False,
    )
    if architecture == "llama":
        return LlamaConfig(num_key_value_heads=2, **common)
    if architecture == "qwen2":
        return Qwen2Config(num_key_value_heads=2, **common)
    if architecture == "gpt_neox":
        return GPTNeoXConfig(**common)
    raise ValueError(architecture)


def save_base(architecture: str, folder: Path, seed: int = 0) -> Path:
    """A random-init ``architecture`` base with its tokenizer, saved into ``folder``."""
    import torch
    from transformers import AutoModelForCausalLM

    # The GPT-NeoX one has no pad token, as Pythia's: training pads with the separator.
    tokenizer = byte_tokenizer(adds_bos=architecture == "llama", pad=architecture != "gpt_neox")
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(base_config(architecture, tokenizer))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder

"""Token blocks for the Trainer: the dataset text packed into blocks, padded per batch."""

from __future__ import annotations

from job.separator import SEED, Separator, encode
from job.store import Store

MAX_BLOCK_SIZE = 1024


def pack(ids: list[int], block_size: int) -> list[list[int]]:
    """Consecutive blocks of ``block_size`` tokens; a shorter tail is kept as the last block.

    Keeping the tail matters for a small valid.txt, which may hold less than one block.
    """
    blocks = [ids[i : i + block_size] for i in range(0, len(ids), block_size)]
    return [b for b in blocks if len(b) >= 2]


class Blocks:
    """A map-style dataset of token blocks (what the Trainer's DataLoader needs)."""

    def __init__(self, blocks: list[list[int]]):
        self.blocks = blocks

    def __len__(self) -> int:
        return len(self.blocks)

    def __getitem__(self, i: int) -> dict[str, list[int]]:
        return {"input_ids": self.blocks[i]}

    @property
    def tokens(self) -> int:
        return sum(len(b) for b in self.blocks)


class PadCollator:
    """Pad to the longest block in the batch; padding is masked out of attention and loss.

    Not DataCollatorForLanguageModeling: it masks every pad-token id in the labels, and our
    pad token is the post separator (<|endoftext|> for GPT-2), which the model must learn to
    predict at the end of a post.
    """

    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, features: list[dict[str, list[int]]]) -> dict:
        import torch

        width = max(len(f["input_ids"]) for f in features)
        ids = torch.full((len(features), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(features), width), dtype=torch.long)
        labels = torch.full((len(features), width), -100, dtype=torch.long)
        for row, f in enumerate(features):
            n = len(f["input_ids"])
            ids[row, :n] = torch.tensor(f["input_ids"])
            mask[row, :n] = 1
            labels[row, :n] = ids[row, :n]
        return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def load_blocks(
    store: Store, key: str, tokenizer, block_size: int, separator: Separator = SEED
) -> Blocks:
    """The dataset text at ``key`` as blocks; its ``<|endoftext|>`` markers become ``separator``."""
    text = store.read_bytes(key).decode("utf-8")
    ids = encode(tokenizer, text, separator)
    return Blocks(pack(ids, block_size))


def block_size_for(model, tokenizer, requested: int | None) -> int:
    limits = [MAX_BLOCK_SIZE, getattr(model.config, "max_position_embeddings", None)]
    if 0 < tokenizer.model_max_length < 10**9:
        limits.append(tokenizer.model_max_length)
    if requested:
        limits.append(requested)
    return min(x for x in limits if x)

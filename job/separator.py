"""The post separator: which token stands between posts, decided from the base tokenizer alone.

The dataset text (``train.txt``, ``valid.txt``) always joins posts with the seed's
``<|endoftext|>``, a neutral marker that keeps the data rules exact whatever the base model.
Where the tokenizer holds ``<|endoftext|>`` as a special token (GPT-2, Pythia, ``tiny``) that
marker is the separator and the text is tokenised as it is (the seed's path, unchanged).
Otherwise the separator is the tokenizer's own end-of-sequence token, and its
beginning-of-sequence token (where it has a distinct one) opens the token stream and every
prompt, as such models were pretrained. One rule, used by train (tokenising), generate (the
prompt), the sampling config and the card's snippet; metrics.json records it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from job.errors import BadInput

SEED_SEPARATOR = "<|endoftext|>"  # the seed's separator, and the dataset text's marker


@dataclass(frozen=True)
class Separator:
    """``text``: the token between posts; ``bos``: the token that opens a sequence, or None."""

    text: str
    bos: str | None = None

    @property
    def is_seed(self) -> bool:
        return self.text == SEED_SEPARATOR

    @property
    def prefix(self) -> str:
        """What a prompt starts with: the bos token (if any), then the separator."""
        return (self.bos or "") + self.text

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: dict | None) -> Separator:
        """The record in metrics.json; a bot trained before it was recorded used the seed's."""
        if not value or not value.get("text"):
            return SEED
        return cls(text=str(value["text"]), bos=value.get("bos") or None)


SEED = Separator(SEED_SEPARATOR)


def separator_for(tokenizer) -> Separator:
    """The separator for a base model's tokenizer (the module's rule)."""
    if SEED_SEPARATOR in set(tokenizer.all_special_tokens):
        return SEED
    eos = tokenizer.eos_token
    if not eos:
        raise BadInput(
            f"the base model's tokenizer has neither {SEED_SEPARATOR} nor an end-of-sequence "
            "token to separate posts with"
        )
    bos = tokenizer.bos_token
    return Separator(text=eos, bos=bos if bos and bos != eos else None)


def token_id(tokenizer, token: str) -> int:
    return tokenizer.convert_tokens_to_ids(token)


def encode(tokenizer, text: str, separator: Separator) -> list[int]:
    """Token ids of dataset text (posts joined by the seed's marker) for this tokenizer.

    The seed's path tokenises the text as it is. Otherwise each post is tokenised on its own,
    without the tokenizer's own special tokens, and the ids are joined with the separator's id
    (the marker never reaches the tokenizer, whatever it makes of the string), after the bos
    id where there is one.
    """
    if separator.is_seed:
        return tokenizer(text, verbose=False)["input_ids"]
    sep_id = token_id(tokenizer, separator.text)
    pieces = text.split(SEED_SEPARATOR)
    encoded = tokenizer(pieces, add_special_tokens=False, verbose=False)["input_ids"]
    ids = [token_id(tokenizer, separator.bos)] if separator.bos else []
    for i, piece in enumerate(encoded):
        if i:
            ids.append(sep_id)
        ids.extend(piece)
    return ids


def prompt_ids(tokenizer, prompt: str, separator: Separator) -> list[int]:
    """A prompt's ids: it starts as a post does in the training stream."""
    if separator.is_seed:
        return tokenizer(SEED_SEPARATOR + prompt)["input_ids"]
    ids = [token_id(tokenizer, separator.bos)] if separator.bos else []
    ids.append(token_id(tokenizer, separator.text))
    return ids + tokenizer(prompt, add_special_tokens=False)["input_ids"]

"""The card's pictures: samples drawn as tweet-like cards, and the loss curves.

Fonts are the DejaVu faces matplotlib ships, so drawing needs no system fonts (a slim image).
The avatar is the person's own picture when the store has one (an image already in the store,
checked with Pillow, bounded in size); otherwise a coloured circle with their initial.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("htctl")

WIDTH = 600
MARGIN = 20
AVATAR = 48
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 4096 * 4096
AVATAR_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
EPOCH_LINE = "epoch-boundary"  # the gid of the vertical lines loss.png draws at epoch ends


@dataclass
class Author:
    display_name: str
    handle: str  # without the @


def _font(bold: bool, size: int):
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
    return ImageFont.truetype(str(path), size)


def _avatar_colour(handle: str) -> tuple[int, int, int]:
    """A stable colour per handle for the placeholder avatar."""
    h = hashlib.sha256(handle.lower().encode()).digest()
    return 60 + h[0] % 150, 60 + h[1] % 150, 60 + h[2] % 150


def decoded_avatar(data: bytes):
    """(format, RGBA image) of ``data``, fully decoded, when it is a web image
    (``AVATAR_FORMATS``) of at most ``AVATAR_MAX_PIXELS``; ValueError saying why not otherwise.
    The caller checks the byte size (``AVATAR_MAX_BYTES``) first: this decodes what it gets."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in AVATAR_FORMATS:
                raise ValueError(f"format {image.format}")
            if image.width * image.height > AVATAR_MAX_PIXELS:
                raise ValueError(f"{image.width}x{image.height} pixels")
            image.load()
            return image.format, image.convert("RGBA")
    except (OSError, Image.DecompressionBombError) as err:  # UnidentifiedImageError: OSError
        raise ValueError(str(err) or type(err).__name__) from None


def avatar_image(data: bytes | None, size: int = AVATAR):
    """The avatar as a ``size`` x ``size`` RGBA circle, or None when ``data`` is no image.

    The bytes come from the store, which everyone writes to: the size is bounded, the format
    must be a web image, and Pillow decodes it fully before it is trusted."""
    from PIL import Image, ImageDraw

    if not data:
        return None
    if len(data) > AVATAR_MAX_BYTES:
        log.warning("avatar ignored: %d bytes, more than %d", len(data), AVATAR_MAX_BYTES)
        return None
    try:
        square = decoded_avatar(data)[1].resize((size, size))
    except ValueError as err:
        log.warning("avatar ignored: not a usable image (%s)", err)
        return None
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    square.putalpha(mask)
    return square


def split_sample(prompt: str, text: str) -> tuple[str, str]:
    """(prompt, continuation) of a sample, the continuation exactly as generated: its leading
    space (or its absence) is kept, so joining the two gives the sample back."""
    if text.startswith(prompt):
        return prompt, text[len(prompt) :]
    return "", text


def shown_samples(samples: list[dict]) -> list[tuple[str, str]]:
    """The samples worth drawing: a continuation that is only whitespace is no sample."""
    parts = [split_sample(s["prompt"], s["text"]) for s in samples]
    return [(prompt, rest) for prompt, rest in parts if rest.strip()]


def _words(text: str, bold: bool) -> list[tuple[str, bool, bool]]:
    """(word, bold, space before) for each word; newlines are kept as ("\\n", ...) breaks."""
    out: list[tuple[str, bool, bool]] = []
    space = False
    for char in text:
        if char == "\n":
            out.append(("\n", bold, False))
            space = False
        elif char.isspace() or not char.isprintable():
            space = True
        elif out and out[-1][0] != "\n" and out[-1][1] == bold and not space:
            word, _, before = out[-1]
            out[-1] = (word + char, bold, before)
        else:
            out.append((char, bold, space))
            space = False
    return out


def layout_sample(
    prompt: str, rest: str, fonts: tuple, width: float
) -> list[list[tuple[str, bool]]]:
    """Lines of (text, bold) runs: the prompt bold, the continuation regular, wrapped by width.

    A word is glued to the one before unless the text had whitespace between them, also where
    the prompt ends and the continuation begins ("is" + " a" keeps its space, "is" + "n't"
    gets none); words wider than a line are split by character."""
    regular, bold_font = fonts
    words = _words(prompt, True) + _words(rest, False)
    lines: list[list[tuple[str, bool]]] = [[]]
    x = 0.0

    def put(piece: str, bold: bool) -> None:
        nonlocal x
        line = lines[-1]
        if line and line[-1][1] == bold:
            line[-1] = (line[-1][0] + piece, bold)
        else:
            line.append((piece, bold))
        x += (bold_font if bold else regular).getlength(piece)

    for word, bold, space in words:
        if word == "\n":
            lines.append([])
            x = 0.0
            continue
        font = bold_font if bold else regular
        piece = (" " if space and lines[-1] else "") + word
        if x + font.getlength(piece) > width and lines[-1]:
            lines.append([])
            x, piece = 0.0, word
        for char in piece:
            if x + font.getlength(char) > width and lines[-1]:
                lines.append([])
                x = 0.0
            put(char, bold)
    return lines


def draw_predictions(
    samples: list[dict], author: Author, path: Path, avatar: bytes | None = None
) -> Path:
    """Draw each sample (prompt in bold, then the continuation) as a tweet-like card, stacked.

    ``samples`` are predictions.json's {"prompt", "text"}; one that is only its prompt is not
    drawn. ``avatar`` is the person's picture from the store (a default circle otherwise)."""
    from PIL import Image, ImageDraw

    name_font, handle_font = _font(True, 17), _font(False, 15)
    fonts = (_font(False, 16), _font(True, 16))
    line_height = 22
    shown = shown_samples(samples)
    laid = [layout_sample(p, r, fonts, WIDTH - MARGIN * 4) for p, r in shown]
    if not laid:  # a picture all the same: it is the card's thumbnail
        laid = [[[("(the model added nothing to the prompts)", False)]]]
    heights = [MARGIN * 2 + AVATAR + 10 + line_height * len(lines) for lines in laid]
    image = Image.new("RGB", (WIDTH, sum(heights) + MARGIN), "white")
    draw = ImageDraw.Draw(image)
    colour = _avatar_colour(author.handle)
    initial = (author.display_name or author.handle)[:1].upper() or "?"
    picture = avatar_image(avatar)
    top = MARGIN // 2
    for lines, height in zip(laid, heights, strict=True):
        box = (MARGIN // 2, top, WIDTH - MARGIN // 2, top + height - MARGIN // 2)
        draw.rounded_rectangle(box, radius=12, outline=(207, 217, 222), width=2)
        x, y = MARGIN * 2, top + MARGIN
        if picture is not None:
            image.paste(picture, (x, y), picture)
        else:
            draw.ellipse((x, y, x + AVATAR, y + AVATAR), fill=colour)
            draw.text(
                (x + AVATAR / 2, y + AVATAR / 2), initial, fill="white", font=name_font, anchor="mm"
            )
        draw.text((x + AVATAR + 12, y + 4), author.display_name, fill=(15, 20, 25), font=name_font)
        draw.text(
            (x + AVATAR + 12, y + 26), f"@{author.handle}", fill=(83, 100, 113), font=handle_font
        )
        y += AVATAR + 10
        for line in lines:
            left = x
            for text, bold in line:
                font = fonts[1] if bold else fonts[0]
                draw.text((left, y), text, fill=(15, 20, 25), font=font)
                left += font.getlength(text)
            y += line_height
        top += height
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path


def loss_curves(log_history: list[dict]) -> tuple[list[tuple[float, float]], ...]:
    """(step, loss) points of the train loss and of the eval loss, in step order."""
    train = sorted((e["step"], e["loss"]) for e in log_history if "loss" in e and "step" in e)
    evals = sorted(
        (e["step"], e["eval_loss"]) for e in log_history if "eval_loss" in e and "step" in e
    )
    return train, evals


def epoch_boundaries(log_history: list[dict]) -> list[tuple[int, float]]:
    """(epoch, step) where each whole epoch ends, interpolated from the logged (epoch, step)."""
    points = sorted(
        {
            (float(e["epoch"]), float(e["step"]))
            for e in log_history
            if isinstance(e.get("epoch"), int | float)
            and isinstance(e.get("step"), int | float)
            and math.isfinite(e["epoch"])
            and e["epoch"] >= 0
        }
    )
    if not points:
        return []
    points = [(0.0, 0.0), *points] if points[0][0] > 0 else points
    last_epoch = points[-1][0]
    boundaries = []
    for epoch in range(1, min(int(math.floor(last_epoch + 1e-9)), 1000) + 1):
        for (e0, s0), (e1, s1) in zip(points, points[1:], strict=False):
            if e0 <= epoch <= e1:
                step = s1 if e1 == e0 else s0 + (s1 - s0) * (epoch - e0) / (e1 - e0)
                boundaries.append((epoch, step))
                break
    return boundaries


def loss_figure(log_history: list[dict], eval_loss_before: float | None = None):
    """The loss figure: train and eval loss against the optimizer step, epochs marked."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    train, evals = loss_curves(log_history)
    if eval_loss_before is not None and not any(step == 0 for step, _ in evals):
        evals = [(0, eval_loss_before), *evals]
    figure = Figure(figsize=(6, 4), dpi=100)
    axes = figure.subplots()
    if train:
        axes.plot(*zip(*train, strict=True), label="train loss", color="tab:blue")
    if evals:
        axes.plot(*zip(*evals, strict=True), "o-", label="eval loss", color="tab:orange")
    if not train and not evals:
        axes.text(0.5, 0.5, "no loss logged", ha="center", va="center", transform=axes.transAxes)
    for epoch, step in epoch_boundaries(log_history):
        axes.axvline(step, color="grey", linestyle=":", linewidth=1, gid=EPOCH_LINE)
        axes.text(
            step,
            1.0,
            f" epoch {epoch}",
            transform=axes.get_xaxis_transform(),
            fontsize=7,
            color="grey",
            ha="right",
            va="bottom",
        )
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.set_title("Training and evaluation loss", pad=14)
    axes.grid(alpha=0.3)
    if train or evals:
        axes.legend()
    figure.tight_layout()
    return figure


def draw_loss(log_history: list[dict], path: Path, eval_loss_before: float | None = None) -> Path:
    """loss.png: :func:`loss_figure` as a PNG."""
    figure = loss_figure(log_history, eval_loss_before)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path

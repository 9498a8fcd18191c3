"""The card's pictures: samples drawn as tweet-like cards, and the loss curves.

Fonts are the DejaVu faces matplotlib ships, so drawing needs no system fonts (a slim image).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

WIDTH = 600
MARGIN = 20
AVATAR = 48


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


def _wrap(text: str, font, width: int) -> list[str]:
    """Greedy wrap by rendered width; words wider than a line are split by character."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in "".join(c if c.isprintable() else " " for c in paragraph).split(" "):
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if font.getlength(line + char) > width and line:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


def draw_predictions(samples: list[str], author: Author, path: Path) -> Path:
    """Draw each sample as a tweet-like card (avatar circle, name, @handle, text), stacked."""
    from PIL import Image, ImageDraw

    name_font, handle_font, text_font = _font(True, 17), _font(False, 15), _font(False, 16)
    line_height = 22
    wrapped = [_wrap(s, text_font, WIDTH - MARGIN * 4) for s in samples]
    heights = [MARGIN * 2 + AVATAR + 10 + line_height * len(lines) for lines in wrapped]
    image = Image.new("RGB", (WIDTH, sum(heights) + MARGIN), "white")
    draw = ImageDraw.Draw(image)
    colour = _avatar_colour(author.handle)
    initial = (author.display_name or author.handle)[:1].upper() or "?"
    top = MARGIN // 2
    for lines, height in zip(wrapped, heights, strict=True):
        box = (MARGIN // 2, top, WIDTH - MARGIN // 2, top + height - MARGIN // 2)
        draw.rounded_rectangle(box, radius=12, outline=(207, 217, 222), width=2)
        x, y = MARGIN * 2, top + MARGIN
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
            draw.text((x, y), line, fill=(15, 20, 25), font=text_font)
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


def draw_loss(log_history: list[dict], path: Path, eval_loss_before: float | None = None) -> Path:
    """Train and eval loss against the optimizer step; eval before training is step 0."""
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
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.set_title("Training and evaluation loss")
    axes.grid(alpha=0.3)
    if train or evals:
        axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path

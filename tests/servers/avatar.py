"""A picture host for the avatar tests: real HTTP on loopback, a real PNG and hostile answers.

    GET /avatar.png    200, a small PNG made with Pillow (``png``), served as image/png
    GET /photo.gif     200, the same picture as a JPEG: the stored extension follows the bytes
    GET /big.png       200, ``big`` bytes (a PNG header, then padding)
    GET /page.html     200, an HTML page instead of a picture
    GET /hang.png      answers nothing until the server stops (a client must time out)
    anything else      404

``requests`` records what clients sent (headers included: no token may reach a picture host).
"""

from __future__ import annotations

import io
import threading

from tests.servers.base import Answer, Recorded, ScriptedServer

COLOUR = (255, 0, 0)


def picture(fmt: str = "PNG", colour: tuple[int, int, int] = COLOUR, size: int = 64) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, format=fmt)
    return out.getvalue()


class AvatarServer(ScriptedServer):
    def __init__(self, big: int = 4096) -> None:
        super().__init__()
        self.png = picture("PNG")
        self.jpeg = picture("JPEG")
        self.big = b"\x89PNG\r\n\x1a\n" + b"\0" * big
        self._release = threading.Event()

    def stop(self) -> None:
        self._release.set()
        super().stop()

    def route(self, request: Recorded) -> Answer:
        images = {"/avatar.png": self.png, "/photo.gif": self.jpeg, "/big.png": self.big}
        if request.path in images:
            return 200, images[request.path], {}
        if request.path == "/page.html":
            return 200, b"<!doctype html><title>Not found</title><p>nothing here", {}
        if request.path == "/hang.png":
            self._release.wait(30)
            return 200, self.png, {}
        return 404, {"error": "not found"}, {}

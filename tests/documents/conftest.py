"""Documents are rendered once per module (WeasyPrint is the slow part) from the shipped reference
data, with the network cut off: any attempt to open a connection or resolve a name while
rendering is recorded and makes `network_attempts` non-empty."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from io import BytesIO

import docx
import pytest
from pypdf import PdfReader


class NetworkGuard:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> OSError:
        self.attempts.append(what)
        return OSError(f"network access attempted during rendering: {what}")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def connect(sock: socket.socket, address: object) -> None:
            raise self.refuse(f"connect {address!r}")

        def getaddrinfo(host: object, *args: object, **kwargs: object) -> list[object]:
            raise self.refuse(f"getaddrinfo {host!r}")

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect)
        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="module")
def network_guard() -> Iterator[NetworkGuard]:
    guard = NetworkGuard()
    with pytest.MonkeyPatch.context() as monkeypatch:
        guard.install(monkeypatch)
        yield guard


def squash(text: str) -> str:
    """Whitespace (line breaks from the layout, non-breaking spaces) as single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pdf_pages(content: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(BytesIO(content)).pages]


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
    return squash("\n".join(parts))

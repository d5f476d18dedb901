"""Helpers shared by the registry tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from lanzarote.registry.reference_data import DATA_DIR


def data_with(tmp_path: Path, relative: str, old: str, new: str) -> Path:
    """A copy of the shipped reference data with `old` replaced by `new` in one file."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    target = data / relative
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data

"""Loads the vocabulary data files that the extractors are built from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from flows.extract.base import Vocab

VOCAB_DIR = Path(__file__).parent / "vocab"


@lru_cache(maxsize=4)
def load_vocab(directory: Path = VOCAB_DIR) -> Vocab:
    """Every ``*.yaml`` in the folder, keyed by file stem (``titles.yaml`` → ``vocab["titles"]``)."""
    data = {}
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            data[path.stem] = yaml.safe_load(f)
    return Vocab(data)

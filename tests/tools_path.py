"""Makes ``tools/`` importable from the tests (the EDTF pattern and the suite generator live there)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from build_expectations import EDTF_PATTERN, suite_for  # noqa: E402

__all__ = ["EDTF_PATTERN", "suite_for"]

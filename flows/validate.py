"""Validating the tables with the Great Expectations suites in ``expectations/``.

One ephemeral GX context per run; each table is checked against its suite through a Checkpoint
that also renders Data Docs. A grounding check that GX cannot express (the surface form is the
article text at the row's offsets) runs first and reports like an expectation.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

EXPECTATIONS_DIR = Path(__file__).resolve().parent.parent / "expectations"
GROUNDING_CHECK = "grounding: text[char_start:char_end] == surface"


@dataclass
class TableValidation:
    table: str
    success: bool
    n_rows: int
    failed: dict[str, list[int]] = field(default_factory=dict)  # check name → failing row positions
    failed_rows: list[int] = field(default_factory=list)

    def summary(self) -> str:
        if self.success:
            return f"{self.table}: {self.n_rows} rows, all expectations met"
        parts = [f"{name} on rows {rows[:10]}{'…' if len(rows) > 10 else ''}" for name, rows in self.failed.items()]
        return f"{self.table}: FAILED " + "; ".join(parts)


def load_suite_json(table: str, directory: Path = EXPECTATIONS_DIR) -> dict[str, Any]:
    with (directory / f"{table}.json").open(encoding="utf-8") as f:
        return json.load(f)


def check_grounding(frame: pd.DataFrame, texts: dict[str, str]) -> list[int]:
    """Row positions whose offsets do not reproduce the surface form in the article text."""
    bad = []
    for pos, (aid, start, end, surface) in enumerate(
        zip(frame["article_id"], frame["char_start"], frame["char_end"], frame["surface"], strict=True)
    ):
        text = texts.get(aid)
        if (
            text is None
            or start is None
            or end is None
            or not (0 <= start < end <= len(text))
            or text[int(start) : int(end)] != surface
        ):
            bad.append(pos)
    return bad


class Validator:
    """Runs the suites; build once per run (creating the GX context costs about a second)."""

    def __init__(self, docs_dir: Path | None, expectations_dir: Path = EXPECTATIONS_DIR) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # After the import, which sets levels on GX's own loggers: their INFO lines are noise in a run.
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
            logging.getLogger(name).setLevel(logging.WARNING)

        self._gx = gx
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        # GX needs an absolute folder for a site outside a project.
        docs_dir = docs_dir.resolve() if docs_dir is not None else None
        self._docs_dir = docs_dir
        if docs_dir is not None:
            shutil.rmtree(docs_dir, ignore_errors=True)  # the docs describe this run only
            self._context.add_data_docs_site(
                "vngov",
                {
                    "class_name": "SiteBuilder",
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                },
            )
        self._datasource = self._context.data_sources.add_pandas("vngov")
        self._expectations_dir = expectations_dir
        self.results: dict[str, Any] = {}

    def validate(self, table: str, frame: pd.DataFrame, texts: dict[str, str] | None = None) -> TableValidation:
        gx = self._gx
        suite = self._context.suites.add(gx.ExpectationSuite(**load_suite_json(table, self._expectations_dir)))
        asset = self._datasource.add_dataframe_asset(table)
        batch = asset.add_batch_definition_whole_dataframe(table)
        definition = self._context.validation_definitions.add(
            gx.ValidationDefinition(name=table, data=batch, suite=suite)
        )
        checkpoint = self._context.checkpoints.add(
            gx.Checkpoint(name=table, validation_definitions=[definition], result_format={"result_format": "COMPLETE"})
        )
        indexed = frame.reset_index(drop=True)
        run = checkpoint.run(batch_parameters={"dataframe": indexed})
        outcome = TableValidation(table=table, success=bool(run.success), n_rows=len(indexed))
        for suite_result in run.run_results.values():
            self.results[table] = suite_result.to_json_dict()
            for result in suite_result.results:
                config = result.expectation_config
                if result.success or config is None:
                    continue
                column = config.kwargs.get("column") or config.kwargs.get("column_A") or ""
                name = f"{config.type}({column})" if column else config.type
                rows = [int(i) for i in (result.result or {}).get("unexpected_index_list") or []]
                outcome.failed[name] = rows
        if texts is not None and "surface" in indexed.columns:
            bad = check_grounding(indexed, texts)
            if bad:
                outcome.success = False
                outcome.failed[GROUNDING_CHECK] = bad
        outcome.failed_rows = sorted({i for rows in outcome.failed.values() for i in rows})
        return outcome

    def build_docs(self) -> None:
        """Render Data Docs and ``validation.json`` for every result so far (once per run: each build
        redraws the whole site)."""
        if self._docs_dir is not None:
            self._context.build_data_docs()
            self._docs_dir.mkdir(parents=True, exist_ok=True)
            results = json.dumps(self.results, indent=2, default=str)
            (self._docs_dir / "validation.json").write_text(results, encoding="utf-8")

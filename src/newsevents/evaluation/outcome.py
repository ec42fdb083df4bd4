"""One gold document's outcome: the pipeline's result, its document label, its events as
predictions and their pairing with the gold events. Shared by the plain report (runner), the
real-news report and the PLOVER scores, which all read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Result
from .gold import GoldDoc


@dataclass
class DocOutcome:
    gold: GoldDoc
    result: Result
    label: str
    predictions: list[dict[str, Any]]
    pairs: list[tuple[int, int]]

    def prediction_line(self) -> dict[str, Any]:
        """The `--save-predictions` line: id, label, article, events."""
        return {
            "id": self.gold.id,
            "label": self.label,
            "article": self.result.article.to_dict() if self.result.article else None,
            "rejected": self.result.rejected.to_dict() if self.result.rejected else None,
            "events": self.predictions,
        }

"""How well the suggested themes match those an investigator would confirm, on labelled points.

The points are in data/themes/: invented complaint points, each with the gist of its
findings and the themes it belongs to. `development.jsonl` was read while the cues in the
themes file were written; `held_out.jsonl` was written before any scoring and never tuned
on, so its figures are the honest ones.

Suggestions are scored as the investigator meets them, at most MOST_SUGGESTED a point:
precision is the share of suggestions that are right, recall the share of right themes
suggested, and "top 1" the share of points whose first suggestion is one of its themes.

    python -m benchmarks.theme_scores
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from benchmarks.entity_scores import LabelScore
from casework.drafting import load_themes, suggest_themes_for_text

THEME_SETS = Path(__file__).parent / "data" / "themes"
DEVELOPMENT = THEME_SETS / "development.jsonl"
HELD_OUT = THEME_SETS / "held_out.jsonl"


@dataclass(frozen=True)
class LabelledPoint:
    text: str
    findings: str
    themes: frozenset[str]


@dataclass(frozen=True)
class ThemeScore:
    # Precision and recall over every suggestion; "found" counts the suggestions.
    themes: LabelScore
    points: int
    first_right: int

    @property
    def top_1(self) -> float:
        return self.first_right / self.points if self.points else 1.0


def load_points(path: Path) -> list[LabelledPoint]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [LabelledPoint(row["text"], row["findings"], frozenset(row["themes"]))
            for row in rows]


def score_points(points: list[LabelledPoint]) -> ThemeScore:
    themes = load_themes()
    suggested = correct = expected = first_right = 0
    for point in points:
        slugs = [s.theme.slug for s in suggest_themes_for_text(themes, [point.text,
                                                                        point.findings])]
        suggested += len(slugs)
        correct += len(point.themes.intersection(slugs))
        expected += len(point.themes)
        first_right += bool(slugs) and slugs[0] in point.themes
    return ThemeScore(LabelScore("themes", correct, suggested, expected), len(points),
                      first_right)


def main() -> None:
    for path in (DEVELOPMENT, HELD_OUT):
        score = score_points(load_points(path))
        print(f"{path.name:18} {score.points:3} points  precision "
              f"{score.themes.precision:.3f}  recall {score.themes.recall:.3f}  "
              f"top 1 {score.top_1:.3f}")


if __name__ == "__main__":
    main()

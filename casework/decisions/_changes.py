"""What changed between two versions of a decision, section by section: what a reviewer
reads instead of the whole document again (DOMAIN.md, "Review").

Both sides are plain contexts (the dict each version keeps), so the comparison is of what
the decision says, never of Word's markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary import Section

# The context's fields a reader sees as wording, outside findings and recommendations.
_WORDING = (("summary", "Summary"), ("outcome", "Outcome"), ("complainant", "Complainant"),
            ("organisation", "Organisation"))
_FINDING_FIELDS = (("title", "Title"), ("what_happened", "What happened"),
                   ("what_should_have_happened", "What should have happened"),
                   ("standard", "Standard applied"), ("conclusion", "Conclusion"),
                   ("injustice", "Injustice"))
_RECOMMENDATION_FIELDS = (("kind", "Kind"), ("text", "What to do"), ("due", "Due by"),
                          ("from_whom", "Apology from"),
                          ("compliance_evidence", "Evidence of compliance"))


@dataclass(frozen=True)
class Change:
    """One difference: `what` says where; `before` or `after` is empty when something was
    added or removed."""

    what: str
    before: str
    after: str


@dataclass(frozen=True)
class SectionChanges:
    section: Section
    changes: tuple[Change, ...]


def version_changes(previous: dict | None, current: dict) -> list[SectionChanges]:
    """Each section's changes from `previous` to `current`; with no previous version,
    everything in `current` is new."""
    before = previous or {}
    sections = {
        Section.FINDINGS: _finding_changes(_findings(before), _findings(current)),
        Section.RECOMMENDATIONS: _listed_changes(
            "Recommendation", before.get("recommendations", []),
            current.get("recommendations", []), _RECOMMENDATION_FIELDS),
        Section.AMOUNTS: _amount_changes(before.get("recommendations", []),
                                         current.get("recommendations", [])),
        Section.WORDING: _wording_changes(before, current),
    }
    return [SectionChanges(section, tuple(changes)) for section, changes in sections.items()]


def _findings(context: dict) -> list[dict]:
    return [dict(finding, point=point["number"])
            for point in context.get("points", []) for finding in point["findings"]]


def _finding_changes(before: list[dict], after: list[dict]) -> list[Change]:
    changes = _listed_changes("Finding", before, after, _FINDING_FIELDS)
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        if old["point"] != new["point"]:
            changes.append(Change(f"Finding {number}: complaint point",
                                  str(old["point"]), str(new["point"])))
        if _cited(old) != _cited(new):
            changes.append(Change(f"Finding {number}: evidence relied on",
                                  _cited(old), _cited(new)))
    return changes


def _cited(finding: dict) -> str:
    return "; ".join(c["reference"] + (f": “{c['quote']}”" if c["quote"] else "")
                     for c in finding.get("citations", []))


def _listed_changes(noun: str, before: list[dict], after: list[dict],
                    fields: tuple[tuple[str, str], ...]) -> list[Change]:
    """Items compared by their place in the list; those past the shorter list are added
    or removed."""
    changes = []
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        changes += [Change(f"{noun} {number}: {label}", old.get(key, ""), new.get(key, ""))
                    for key, label in fields if old.get(key, "") != new.get(key, "")]
    changes += [Change(f"{noun} {number} added", "", _headline(item, fields))
                for number, item in enumerate(after[len(before):], start=len(before) + 1)]
    changes += [Change(f"{noun} {number} removed", _headline(item, fields), "")
                for number, item in enumerate(before[len(after):], start=len(after) + 1)]
    return changes


def _headline(item: dict, fields: tuple[tuple[str, str], ...]) -> str:
    return ": ".join(item.get(key, "") for key, _label in fields[:2] if item.get(key))


def _amount_changes(before: list[dict], after: list[dict]) -> list[Change]:
    changes = []
    for index in range(max(len(before), len(after))):
        old = before[index].get("amount", "") if index < len(before) else ""
        new = after[index].get("amount", "") if index < len(after) else ""
        if old != new:
            changes.append(Change(f"Recommendation {index + 1}: amount", old, new))
    return changes


def _wording_changes(before: dict, after: dict) -> list[Change]:
    changes = [Change(label, before.get(key, ""), after.get(key, ""))
               for key, label in _WORDING if before.get(key, "") != after.get(key, "")]
    changes += _listed_changes("Complaint point", before.get("points", []),
                               after.get("points", []), (("text", "Wording"),))
    old_events = [f"{e['date']}: {e['text']}" for e in before.get("events", [])]
    new_events = [f"{e['date']}: {e['text']}" for e in after.get("events", [])]
    changes += [Change("What happened: event added", "", e)
                for e in new_events if e not in old_events]
    changes += [Change("What happened: event removed", e, "")
                for e in old_events if e not in new_events]
    return changes

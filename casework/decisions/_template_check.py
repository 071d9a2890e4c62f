"""Checks Word templates against the context they are rendered with.

Templates are edited in Word by people who are not programmers. A misspelt placeholder
renders as nothing, silently; a field that no template shows is information the letters
leave out. This reports both, as dotted paths: `findings[].title` is the `title` of each
item of the `findings` list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from casework.decisions._context import decision_context, letter_context
from storage.models import (
    Case,
    CaseComment,
    Citation,
    ComplaintPoint,
    Evidence,
    EvidenceEvent,
    Finding,
    Organisation,
    Recommendation,
    User,
)
from vocabulary import (
    Conclusion,
    DecisionStage,
    EventSource,
    EvidenceStatus,
    Principle,
    Recipient,
    RecommendationKind,
)


@dataclass(frozen=True)
class TemplateReport:
    template: str
    unfilled: tuple[str, ...]  # placeholders the context has no value for


def context_fields(context: Mapping, prefix: str = "") -> set[str]:
    """Every path in a context: keys, and keys of the dicts inside lists as `name[].key`."""
    fields = set()
    for key, value in context.items():
        path = f"{prefix}{key}"
        fields.add(path)
        if isinstance(value, Mapping):
            fields |= context_fields(value, path + ".")
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            fields |= context_fields(value[0], path + "[].")
    return fields


def _path(node: nodes.Node, loops: dict[str, str]) -> str | None:
    """The dotted path a Name or Getattr node reads, through loop variables to their lists."""
    if isinstance(node, nodes.Name):
        return loops.get(node.name, node.name)
    if isinstance(node, nodes.Getattr):
        parent = _path(node.node, loops)
        return f"{parent}.{node.attr}" if parent else None
    return None


def template_fields(template: Path) -> set[str]:
    """Every path a template reads (loop variables themselves are not fields)."""
    from docxtpl import DocxTemplate  # only the check itself needs Word (see render_docx)

    document = DocxTemplate(template)
    document.init_docx()
    tree = ImmutableSandboxedEnvironment().parse(document.patch_xml(document.get_xml()))
    loops: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        source = _path(loop.iter, loops)
        if isinstance(loop.target, nodes.Name) and source:
            loops[loop.target.name] = source + "[]"
    used = set()
    for node in tree.find_all((nodes.Name, nodes.Getattr)):
        path = _path(node, loops)
        if path and not (isinstance(node, nodes.Name) and node.name in loops):
            used.add(path)
    # A read of `a.b.c` also reads `a` and `a.b`; keep only the parts that are fields.
    return {path for path in used if path not in {"loop", "range"}}


def check_templates(templates: list[Path], context: Mapping) -> tuple[list[TemplateReport],
                                                                     list[str]]:
    """Per template, the placeholders the context leaves unfilled; and the context fields
    that no template uses."""
    fields = context_fields(context)
    reports, used = [], set()
    for template in templates:
        paths = template_fields(template)
        used |= paths
        unfilled = sorted(p for p in paths if p not in fields)
        reports.append(TemplateReport(template.name, tuple(unfilled)))
    used_or_parent = used | {p.rsplit(".", 1)[0] for p in used} | {
        p.removesuffix("[]") for p in (q.rsplit(".", 1)[0] for q in used)}
    unused = sorted(f for f in fields if f not in used_or_parent)
    return reports, unused


def sample_context() -> dict:
    """A decision context with one of everything, for checking templates against."""
    case = Case(
        reference="CW-2026-00001", complainant_name="Mrs A", summary="Summary",
        complainant_address="1 Example Road\nNorthtown NT1 1AA",
        assignee=User(email="investigator@example.org", name="Sam Jones",
                      job_title="Senior investigator"),
        organisation=Organisation(name="A Trust", address="Trust House\nNorthtown NT2 2BB"),
        evidence=[Evidence(id=1, number=1, filename="letter.pdf", page_count=2,
                           status=EvidenceStatus.PROCESSED, events=[EvidenceEvent(
            id=1, evidence_id=1, date=date(2026, 1, 5), text="Seen", page=1,
            in_decision=True, source=EventSource.MACHINE)])],
        complaint_points=[ComplaintPoint(number=1, text="Point", findings=[Finding(
            id=1, title="Title", what_happened="Happened",
            what_should_have_happened="Standard", injustice="Injustice",
            principle=Principle.GETTING_IT_RIGHT, guidance="Guidance",
            conclusion=Conclusion.MALADMINISTRATION,
            citations=[Citation(evidence_id=1, page=1, quote="Quote")])])],
        recommendations=[Recommendation(
            kind=RecommendationKind.PAYMENT, text="Pay", amount_pence=25000,
            due_date=date(2026, 4, 3), from_whom="the chief executive",
            compliance_evidence="Proof of payment")],
    )
    case.comments = [CaseComment(sender=Recipient.COMPLAINANT, text="Comments",
                                 created_at=datetime(2026, 3, 10, 9, tzinfo=UTC))]
    context = decision_context(case, date(2026, 3, 3), DecisionStage.PROVISIONAL)
    # Comments considered appear in a final decision only; the sample shows them too.
    context["comments"] = decision_context(case, date(2026, 3, 3),
                                           DecisionStage.FINAL)["comments"]
    return context | letter_context(case)

"""The parting package as data: every section built from one case, and the warnings about
the case that the user should see. Writing it is `parting.render.bundle`'s job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parting.plan import letter as letter_step
from parting.case.model import Case
from parting.check.rules import Finding, warn_user_sentences
from parting.plan import options as s2_options
from parting.plan import settlement as s6_settlement
from parting.plan import status as s1_status
from parting.plan import transition as s7_transition

FORMAT = "parting-package/1"


@dataclass(frozen=True)
class PlanWarning:
    key: str  # key path in the case file, or "" for the case as a whole
    message: str
    text: str = ""  # the sentence it is about
    finding: Finding | None = None

    def __str__(self) -> str:
        where = f"{self.key}: " if self.key else ""
        quoted = f'\n    "{self.text}"' if self.text else ""
        return f"{where}{self.message}{quoted}"


@dataclass(frozen=True)
class Package:
    case: Case
    status: s1_status.Status
    options: s2_options.Options
    settlement: s6_settlement.Settlement
    transition: s7_transition.TransitionPlan
    letter: letter_step.LetterPlan
    warnings: tuple[PlanWarning, ...]
    cc_stakeholders: bool = False  # letter.eml copies the stakeholders

    def to_json(self) -> dict[str, Any]:
        c = self.case
        return {
            "format": FORMAT,
            "project": c.engagement.project,
            "client": c.client.name,
            "provider": c.provider.name,
            "terminated_by": c.engagement.terminated_by,
            "notice_given": c.engagement.notice_given.isoformat(),
            "end_date": c.end_date.isoformat(),
            "status": self.status.to_json(),
            "options": self.options.to_json(),
            "settlement": self.settlement.to_json(),
            "transition": self.transition.to_json(),
            "warnings": [
                {"key": w.key, "message": w.message, "text": w.text} for w in self.warnings
            ],
        }

def _warnings(case: Case, options: s2_options.Options) -> list[PlanWarning]:
    e = case.engagement
    sentences = {
        f"engagement.{key}": text
        for key in ("reason", "client_benefit", "provider_benefit")
        if (text := getattr(e, key))
    }
    found = [
        PlanWarning(key, f"{f.code} {f.message}", text, f)
        for key, f in warn_user_sentences(sentences)
        for text in [sentences[key]]
    ]
    if not e.reason:
        found.append(PlanWarning("engagement.reason", "no reason given: the letter states none"))
    if not e.client_benefit:
        found.append(
            PlanWarning(
                "engagement.client_benefit",
                "no benefit to the client given: the letter cannot say why this is good for them",
            )
        )
    if not case.options.offer:
        found.append(
            PlanWarning(
                "options.offer",
                "no path forward offered: the letter cannot offer a reduced scope, a referral "
                "or a phase-out",
            )
        )
    if "refer" in case.options.offer and not case.referrals:
        found.append(
            PlanWarning("referrals", "options.offer lists refer but no referrals are given")
        )
    elif "refer" in case.options.offer and not options.refer_matches:
        found.append(
            PlanWarning(
                "options.needs",
                "no referral covers any of the needs: the letter recommends no one",
            )
        )
    for key, value in (("provider.email", case.provider.email), ("client.email", case.client.email)):
        if not value:
            found.append(
                PlanWarning(key, "no e-mail address: letter.eml has a placeholder to fill in")
            )
    if not case.assets:
        found.append(
            PlanWarning("assets", "no assets listed: the handover plan has nothing to transfer")
        )
    return found


def build(case: Case, cc_stakeholders: bool = False) -> Package:
    status = s1_status.build(case)
    options = s2_options.build(case)
    settlement = s6_settlement.build(case)
    transition = s7_transition.build(case, settlement)
    letter = letter_step.build(case, status, options, settlement, transition)
    warnings = tuple(_warnings(case, options))
    return Package(
        case, status, options, settlement, transition, letter, warnings, cc_stakeholders
    )

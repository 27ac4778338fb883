"""`transition.ics` (RFC 5545): the dated transition plan in everyone's calendar.

Every step of the transition plan becomes one all-day VEVENT (VALUE=DATE, DTEND the next day,
as Google Calendar, Apple Calendar and Outlook expect), the contractual end date and the payment
due date included (they are steps of the plan; they are added here only if a plan lacks them).

Events, not to-dos: every calendar app shows VEVENTs, while VTODOs are dropped by Google
Calendar and imported inconsistently by Outlook. Who acts is written in the DESCRIPTION
("Who: ..."); events are marked free (TRANSP:TRANSPARENT) so they block no one's day, and carry
no ORGANIZER or ATTENDEE, so importing them sends no invitations.

Same input, same bytes:

* UID: a digest of who and what (provider, client, project), the step's kind and what it is
  about (asset or title), numbered when repeated. The date is not part of it, so importing the
  calendar again after the plan moves updates the events instead of duplicating them.
* DTSTAMP: the notice date at 09:00 UTC, never the time of rendering.

SUMMARY and DESCRIPTION are the plan's own English texts, with dates and money already
formatted in the client's locale; icalendar escapes and folds them (75 octets, UTF-8 safe).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from parting.render.labels import _, label

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.render.bundle import Bundle as Package
    from parting.render.transition import SaidStep as Step

PRODID = "-//parting//transition plan//EN"


def case_key(case: Case) -> str:
    """A short digest of who and what: the same engagement keeps it when dates change."""
    identity = "\x1f".join((case.provider.name, case.client.name, case.engagement.project))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def stamp(package: Package) -> datetime:
    """The fixed creation time of the package's documents: the letter's date (the notice,
    on a business day, as the transition plan has it), 09:00 UTC."""
    return datetime.combine(package.letter_plan.date, time(9, 0), tzinfo=UTC)


def _uid(key: str, kind: str, subject: str, n: int) -> str:
    digest = hashlib.sha256(f"{key}\x1f{kind}\x1f{subject}\x1f{n}".encode()).hexdigest()[:20]
    return f"{kind.replace('_', '-')}-{digest}.{key}@parting"


def _who(case: Case, owner: str) -> str:
    provider = case.provider.name
    client = f"{case.client.contact} ({case.client.name})"
    if owner == "provider":
        return provider
    if owner == "client":
        return client
    return _("{provider} and {client}").format(provider=provider, client=client)


def _steps(package: Package) -> list[Step]:
    from parting.render.transition import SaidStep as Step

    case = package.case
    steps = list(package.transition.steps)
    kinds = {s.kind for s in steps}
    if "end" not in kinds:
        steps.append(Step(case.end_date, "end", label("ics.end"), "", "both"))
    if "payment_due" not in kinds:
        steps.append(Step(case.due_date, "payment_due", label("ics.payment_due"), "", "client"))
    return steps


def render_ics(package: Package) -> bytes:
    """The transition plan as an iCalendar file (UTF-8, CRLF line endings)."""
    from icalendar import Calendar, Event

    case = package.case
    project = case.engagement.project
    key = case_key(case)
    dtstamp = stamp(package)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = label("ics.calendar_name", project=project)
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", name)  # Apple, Google, Outlook

    seen: Counter[tuple[str, str]] = Counter()
    for step in _steps(package):
        subject = step.asset or step.title
        n = seen[(step.kind, subject)]
        seen[(step.kind, subject)] += 1
        event = Event()
        event.add("uid", _uid(key, step.kind, subject, n))
        event.add("dtstamp", dtstamp)
        day: date = step.date
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{step.title} ({project})")
        who = _("Who: {who}").format(who=_who(case, step.owner))
        description = f"{step.detail}\n\n{who}" if step.detail else who
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data

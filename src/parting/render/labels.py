"""Every heading and label of the sendable documents (HTML, PDF, e-mail, calendar), in one
place and ready for translation.

The strings are English for now. Each one is marked with `N_` (mark only) in `LABELS`, or
with `_` where it is used, so Babel's extractor finds them all::

    pybabel extract -k _ -k N_ -o parting.pot src/parting

`_` translates at the time of the call (the identity until catalogues exist), so a catalogue
installed later with `install()` applies to every render after it. Use::

    from parting.render.labels import _, label

    _("Subject")                  # a one-off string, marked where it is used
    label("settlement.title")      # a named string from LABELS below
    label("page_of", page=3, pages=7)

Placeholders are `str.format` fields with names, so a translation can reorder them.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = str


def _(message: str) -> str:
    """Translate `message` with the installed catalogue (the identity for now)."""
    return _translate(message)


def N_(message: str) -> str:
    """Mark `message` for extraction only; it is translated later, where it is shown."""
    return message


def install(gettext: Callable[[str], str]) -> None:
    """Install a translation function, such as `gettext.translation(...).gettext`."""
    global _translate
    _translate = gettext


def label(key: str, /, **values: object) -> str:
    """The translated label `key`, with its `{placeholders}` filled in."""
    text = _(LABELS[key])
    return text.format(**values) if values else text


LABELS: dict[str, str] = {
    # The package as a whole.
    "package.title": N_("Parting package"),
    "package.contents": N_("Contents"),
    "package.prepared_by": N_("Prepared by {provider} for {client}"),
    "page_of": N_("Page {page} of {pages}"),
    "amount": N_("Amount"),
    "total": N_("Total"),
    "none": N_("–"),
    "more_rows": N_(
        "The {shown} largest are shown; {more} more are in the Markdown documents and "
        "package.json."
    ),
    # The documents, in the order of the package.
    "letter.title": N_("Letter"),
    "status.title": N_("Project status"),
    "options.title": N_("Options"),
    "settlement.title": N_("Final settlement"),
    "transition.title": N_("Transition plan"),
    # Letter.
    "letter.subject": N_("Subject"),
    "letter.to": N_("To"),
    "letter.from": N_("From"),
    "letter.date": N_("Date"),
    "letter.options_intro": N_(
        "So that you are not left with an abrupt stop, I can offer the following:"
    ),
    "letter.next_steps": N_("Next steps"),
    # Status.
    "status.as_of": N_("as of {date}"),
    "status.complete": N_("{percent}% complete"),
    "status.delivered_count": N_("{met} of {total} deliverables delivered"),
    "status.weighted_by_fee": N_("weighted by fee"),
    "status.weighted_by_fee_and_hours": N_(
        "weighted by fee; hourly work by its hours at the hourly rate"
    ),
    "status.hours_logged_total": N_("Hours logged"),
    "status.earned_total": N_("Earned to date"),
    "status.delivered": N_("Delivered"),
    "status.outstanding": N_("Outstanding"),
    "status.nothing_delivered": N_("Nothing is delivered yet."),
    "status.nothing_outstanding": N_("Nothing is outstanding: every deliverable is delivered."),
    "status.remaining_total": N_("Remaining estimate in all: {hours} h."),
    "status.col.deliverable": N_("Deliverable"),
    "status.col.status": N_("Status"),
    "status.col.complete": N_("Complete"),
    "status.col.hours_logged": N_("Hours logged"),
    "status.col.earned": N_("Earned"),
    "status.col.remaining": N_("Remaining estimate"),
    "status.col.due": N_("Due"),
    "status.overdue": N_("overdue"),
    "deliverable.not_started": N_("not started"),
    "deliverable.in_progress": N_("in progress"),
    "deliverable.done": N_("done"),
    "deliverable.accepted": N_("accepted"),
    # Options.
    "options.none": N_("No alternative paths are offered in this case."),
    "options.intro": N_(
        "The paths offered to {client}; the reply is asked for by {reply_by}, and each path "
        "starts the business day after."
    ),
    "options.reduce_scope": N_("Reduced scope"),
    "options.reduce_scope_intro": N_(
        "The outstanding deliverables that fit in the {hours} hours still available, chosen "
        "for the greatest value to {client} (value 1–10 each), never taking an item without "
        "what it depends on. This is an exact optimum, not a rule of thumb."
    ),
    "options.scope_done_by": N_(
        "At {per_week} hours a week from {start}, this is done by {finish}."
    ),
    "options.nothing_fits": N_("No outstanding deliverable fits in the hours available."),
    "options.col.included": N_("Included"),
    "options.col.left_out": N_("Left out"),
    "options.col.hours": N_("Hours"),
    "options.col.value": N_("Value"),
    "options.col.cost": N_("Cost to complete"),
    "options.col.why": N_("Why"),
    "options.value_of": N_("{value} of {outstanding}"),
    "options.timeline": N_("Adjusted timeline"),
    "options.timeline_text": N_(
        "Or keep the whole scope and stretch the timeline: all {hours} remaining hours at "
        "{per_week} hours a week from {start}, {before} hours before the end date and {after} "
        "after it, finishing on {finish} (cost to complete {money})."
    ),
    "options.referral": N_("Referral"),
    "options.needs": N_("What {client} needs next: {needs}."),
    "options.col.rank": N_("Rank"),
    "options.col.provider": N_("Provider"),
    "options.col.contact": N_("Contact"),
    "options.col.covers": N_("Covers"),
    "options.no_match": N_(
        "None of the referrals covers what the client needs; no one is recommended."
    ),
    "options.uncovered": N_("Not covered by anyone listed: {needs}."),
    "options.not_recommended": N_(
        "Not recommended here, as they cover none of these needs: {names}."
    ),
    "options.phase_out": N_("Gradual phase-out"),
    "options.phase_out_intro": N_(
        "{weeks} weeks from {start}, hours tapering within the hours available before the end "
        "date, each week starting on a business day."
    ),
    "options.after_end": N_("after the end date"),
    "options.col.week": N_("Week"),
    "options.col.starts": N_("Starts"),
    "options.col.focus": N_("Focus"),
    # Settlement.
    "settlement.from_to": N_("From {provider} to {client}, attention of {contact}."),
    "settlement.end_date": N_("End of the engagement"),
    "settlement.as_of": N_("Amounts calculated as of"),
    "settlement.entries": N_("{count} entries"),
    "settlement.other_lines": N_(
        "{count} other lines (each in settlement.csv and settlement.json)"
    ),
    "settlement.by_month": N_("Unbilled time by month"),
    "settlement.earlier_months": N_("Earlier months"),
    "settlement.group_row": N_("{name} · {entries} · {hours} h"),
    "settlement.by_status": N_("Unpaid invoices by status"),
    "settlement.overdue": N_("Overdue on {date}: {count}"),
    "settlement.not_yet_due": N_("Not yet due on {date}: {count}"),
    "settlement.invoices": N_("{count} invoices"),
    "settlement.waived_many": N_(
        "Late fees of {amount} on {count} invoices are waived (each one is in settlement.csv)."
    ),
    "settlement.due_date": N_("Payment due"),
    "settlement.currency": N_("Currency"),
    "settlement.final_invoice": N_("Final invoice"),
    "settlement.unbilled_time": N_("Unbilled time"),
    "settlement.fixed_fees": N_("Fixed fees"),
    "settlement.expenses": N_("Expenses"),
    "settlement.kill_fee": N_("Kill fee"),
    "settlement.late_fees": N_("Late fees"),
    "settlement.retainer": N_("Retainer"),
    "settlement.notice_pay": N_("Pay in lieu of notice"),
    "settlement.statutory_interest": N_("Statutory interest"),
    "settlement.statutory_compensation": N_("Fixed compensation for late payment"),
    "settlement.nothing_to_invoice": N_("Nothing further to invoice."),
    "settlement.unpaid_invoices": N_("Unpaid invoices"),
    "settlement.all_paid": N_("All earlier invoices are paid in full."),
    "settlement.credits": N_("Credits"),
    "settlement.no_credits": N_("No credits are held."),
    "settlement.deposit_kept": N_(
        "Of the deposit of {deposit}, {amount} is retained: the deposit is not refundable "
        "beyond what is owed when the client ends the engagement."
    ),
    "settlement.totals": N_("Totals"),
    "settlement.col.item": N_("Item"),
    "settlement.col.invoice": N_("Invoice"),
    "settlement.col.unpaid": N_("Unpaid"),
    "settlement.col.credit": N_("Credit"),
    "settlement.balance_due": N_("Balance due"),
    "settlement.refund_due": N_("Refund due to the client"),
    "settlement.balance_due_by": N_("Balance due: {amount} by {date}."),
    "settlement.refund_due_by": N_("Refund due to the client: {amount} by {date}."),
    "settlement.settled": N_("Nothing is owed on either side: the accounts are settled."),
    "settlement.covered": N_(
        "{hours} hours logged on deliverables with a fixed fee are covered by their fees and "
        "not billed."
    ),
    "settlement.waived": N_("Late fees of {amount} on invoice {invoice} are waived."),
    # Transition.
    "transition.notice": N_("Notice"),
    "transition.end": N_("End of the engagement"),
    "transition.payment_due": N_("Final payment due"),
    "transition.contact": N_("contact: {contact}"),
    "transition.business_days": N_(
        "Dates are business days in {country} (weekends and public holidays excluded), except "
        "the contractual end date and the payment due date, which are kept as the contract "
        "sets them."
    ),
    "transition.weekdays": N_(
        "Dates are weekdays (no country given, so no public holidays are excluded), except the "
        "contractual end date and the payment due date, which are kept as the contract sets "
        "them."
    ),
    "transition.holidays_skipped": N_("Public holidays skipped: {holidays}."),
    "transition.rotation_rule": N_(
        "Credentials are rotated and access is revoked only after every transfer has been "
        "confirmed."
    ),
    "transition.release_rule": N_(
        "What is released on payment goes to the client on the payment due date, once the "
        "final invoice is paid (with the final invoice when nothing is left to pay). "
        "Credentials are rotated only after every transfer has been confirmed, those released "
        "on payment included; access is revoked once the handover transfers are confirmed."
    ),
    "transition.schedule": N_("Schedule"),
    "transition.col.date": N_("Date"),
    "transition.col.owner": N_("Owner"),
    "transition.col.action": N_("Action"),
    "transition.col.details": N_("Details"),
    "transition.owner.both": N_("Both"),
    "transition.personal_data": N_("Personal data"),
    "transition.personal_data_intro": N_(
        "{processor} processes this data on behalf of {client}. Under {law} the data is "
        "returned or deleted, as {client} chooses, when the services end, and every remaining "
        "copy is deleted; a written, dated confirmation closes it."
    ),
    "transition.personal_data_intro_plain": N_(
        "{processor} holds this data on behalf of {client}. When the services end it is "
        "returned or deleted, as {client} chooses, and every remaining copy is deleted; a "
        "written, dated confirmation closes it."
    ),
    "transition.checklist": N_("Closure checklist"),
    # The final invoice (invoice.pdf; invoice.md says the same in its template).
    "invoice.title": N_("Invoice"),
    "invoice.credit_note": N_("Credit note"),
    "invoice.number": N_("{title} number"),
    "invoice.no_number": N_("to be assigned"),
    "invoice.incomplete": N_(
        "Not yet a valid {title}: the case file lacks {keys}. Add them and run parting plan "
        "again."
    ),
    "invoice.issued": N_("Issue date"),
    "invoice.due": N_("Due date"),
    "invoice.currency": N_("Currency"),
    "invoice.project": N_("Project"),
    "invoice.from": N_("From"),
    "invoice.to": N_("To"),
    "invoice.attention": N_("Attention of {contact}"),
    "invoice.tax_id": N_("{label}: {id}"),
    "invoice.credits": N_(
        "This credit note credits {invoices}: the amounts below are credited to you."
    ),
    "invoice.credits_invoice": N_("invoice {numbers}"),
    "invoice.credits_invoices": N_("invoices {numbers}"),
    "invoice.items": N_("Items"),
    "invoice.credited_items": N_("Credited items"),
    "invoice.col.item": N_("Item"),
    "invoice.col.net": N_("Net"),
    "invoice.col.gross": N_("Gross"),
    "invoice.col.amount": N_("Amount"),
    "invoice.other_lines": N_("{count} other lines (each in invoice.md and settlement.csv)"),
    "invoice.rows_summed": N_(
        "Hourly work is summed by what it was for and its rate; invoice.md and settlement.csv "
        "list every line."
    ),
    "invoice.total_net": N_("Total net"),
    "invoice.tax_at": N_("{tax} at {rate}%"),
    "invoice.total": N_("Total"),
    "invoice.total_credit": N_("Total credit"),
    "invoice.payment": N_("Payment"),
    "invoice.credit_paid_back": N_(
        "The credit is set against what you owe; any rest is paid back to you by {date}."
    ),
    "invoice.nothing_to_pay": N_(
        "Nothing to pay: what you paid in advance covers this invoice (see the account "
        "below)."
    ),
    "invoice.nothing_to_pay_refund": N_(
        "Nothing to pay: what you paid in advance covers this invoice, and the rest is "
        "refunded to you by {date} (see the account below)."
    ),
    "invoice.terms": N_(
        "Payment terms: {days} days from the end of the engagement ({end}): due by {date}."
    ),
    "invoice.iban": N_("IBAN"),
    "invoice.bic": N_("BIC"),
    "invoice.account": N_("Account"),
    "invoice.link": N_("Pay online"),
    "invoice.reference": N_("Reference"),
    "invoice.account_title": N_("Account"),
    "invoice.this_invoice": N_("This invoice"),
    "invoice.this_credit_note": N_("This credit note"),
    "invoice.unpaid": N_("Earlier invoices unpaid"),
    "invoice.deposit_and_prepaid": N_("Deposit and prepaid balance applied"),
    "invoice.deposit": N_("Deposit applied"),
    "invoice.prepaid": N_("Prepaid balance applied"),
    "invoice.with_tax": N_("{what}, with the {tax} paid on it"),
    "invoice.to_refund": N_("To be refunded to you"),
    "invoice.to_pay": N_("Total to pay"),
    "invoice.e_invoice": N_(
        "This PDF is a Factur-X (ZUGFeRD) e-invoice, profile EN 16931: the invoice data is "
        "attached as factur-x.xml."
    ),
    # The e-invoice's own texts (factur-x.xml).
    "invoice.xml.exempt": N_("Exempt from VAT"),
    # E-mail and calendar (render/eml.py, render/ics.py).
    "eml.attachment": N_("Settlement (PDF)"),
    "ics.calendar_name": N_("Transition plan: {project}"),
    "ics.end": N_("Engagement ends"),
    "ics.payment_due": N_("Final invoice payment due"),
}

DOCUMENTS: tuple[str, ...] = ("letter", "status", "options", "settlement", "transition")
"""The documents of the package, in the order they are shown; `label(f"{doc}.title")`."""

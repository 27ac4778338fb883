"""The one Jinja environment: templates in `templates/`, money and date filters per case."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from parting.core import money
from parting.core.fmt import format_date, format_number

if TYPE_CHECKING:
    import jinja2

    from parting.case.model import Case


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in the cache folder (`parting.core.cache`):
    compiling the templates is about 0.25 s of a run with every document. Jinja keys each
    by its name and a checksum of its source, so an edited template is compiled again."""
    import jinja2

    from parting.core import cache

    where = cache.folder()
    if where is None:
        return None
    try:
        (where / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None

    class Quiet(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with suppress(OSError):  # a read-only cache costs time, never the run
                super().dump_bytecode(bucket)

    return Quiet(str(where / "templates"))


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parting", "render/templates"),
        bytecode_cache=bytecode_cache(),
        autoescape=False,  # Markdown, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def table_cell(text: object) -> str:
    """A Markdown table cell: on one line, its backslashes and "|" escaped, so that a title
    such as "Logo | icon set" does not split the row into more columns than the table has."""
    # Only ASCII white space: a no-break space (Babel's "90,00 €") stays where it is.
    one_line = re.sub(r"[ \t\r\n]+", " ", str(text)).strip()
    return one_line.replace("\\", "\\\\").replace("|", "\\|")


def render(template: str, case: Case, **context: Any) -> str:
    """Render `templates/<language>/<template>`; templates call `money(x)`, `date(d)`,
    `fulldate(d)` and `number(x)`, bound to the case's currency and locale."""

    def money_filter(amount: Decimal) -> str:
        return money.format_money(amount, case.currency, case.locale)

    def date_filter(day: date) -> str:
        return format_date(day, case.locale)

    def fulldate_filter(day: date) -> str:
        return format_date(day, case.locale, "full")

    def number_filter(value: Decimal | int) -> str:
        return format_number(value, case.locale)

    # One folder of Markdown templates per language, beside its phrase package.
    tpl = environment().get_template(f"{case.client.language}/{template}")
    text: str = tpl.render(
        case=case, money=money_filter, date=date_filter, fulldate=fulldate_filter,
        number=number_filter, **{"cell": table_cell, **context}
    )
    return text

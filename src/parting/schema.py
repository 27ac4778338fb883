"""The case file's JSON Schema, generated from the model so that the two never disagree."""

from __future__ import annotations

import json

from parting.model import Case

BULK = ("deliverables", "time_entries", "invoices", "expenses")
SCHEMA_ID = "https://parting.dev/schema/casefile-1.json"


def case_schema() -> dict[str, object]:
    schema = Case.model_json_schema(mode="validation")
    properties = schema["properties"]
    for name in BULK:
        # Bulk records may instead name a CSV file relative to the case file.
        properties[name] = {
            "anyOf": [
                properties[name],
                {"type": "string", "description": "a CSV file, relative to the case file"},
            ],
            "title": properties[name].get("title", name),
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "parting case file (version 1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def case_schema_json() -> str:
    return json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"

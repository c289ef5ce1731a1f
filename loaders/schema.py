"""The JSON Schema of a data file, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import write_text_atomically
from .models import DataFile

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "data.schema.json"


def schema_text() -> str:
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Vietnam provincial e-government dashboard: data file"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    write_text_atomically(path, schema_text())
    return path

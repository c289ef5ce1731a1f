"""Command line: python -m loaders {validate,export,schema,coverage}.

    python -m loaders validate [FILES...]         check the data, list every problem
    python -m loaders export --format csv|json    the tidy fact table on stdout
    python -m loaders export --units --format csv the unit table (with the crosswalk)
    python -m loaders schema [--output PATH]      write the JSON Schema of a data file
    python -m loaders coverage [--json]           how much of the province x indicator grid is sourced
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from .schema import SCHEMA_PATH, write_schema
from .tables import load_dataset
from .yaml_source import DataError

UNIT_EXPORT_COLUMNS = ["era", "unit_code", "unit_name", "kind", "successor_code", "predecessor_codes"]


def _validate(args) -> int:
    try:
        dataset = load_dataset(args.files or None)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    units = dataset.units["era"].value_counts()
    print(
        f"ok: {units.get('legacy', 0)} legacy and {units.get('current', 0)} current units, "
        f"{len(dataset.facts)} facts, {len(dataset.sources)} sources, "
        f"{len(dataset.national)} national reference facts"
    )
    return 0


def _export(args) -> int:
    try:
        dataset = load_dataset(args.files or None)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if args.units:
        table = dataset.units[UNIT_EXPORT_COLUMNS]
    else:
        table = dataset.facts.drop(columns=["known_by", "file", "line"])
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        json.dump(table.to_dict(orient="records"), sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
    return 0


def _schema(args) -> int:
    try:
        path = write_schema(Path(args.output))
    except OSError as error:
        print(f"{args.output}: cannot write the schema: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


def _coverage(args) -> int:
    from analysis.coverage import coverage_summary, format_summary

    try:
        dataset = load_dataset(args.files or None)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    summary = coverage_summary(dataset)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        print(format_summary(summary))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the data files")
    validate.add_argument("files", nargs="*", help="files to check (default: all under data/)")
    validate.set_defaults(run=_validate)

    export = commands.add_parser("export", help="write the tidy fact table (or unit table)")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--units", action="store_true", help="the unit table instead of facts")
    export.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    export.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="write the JSON Schema of a data file")
    schema.add_argument("--output", default=str(SCHEMA_PATH))
    schema.set_defaults(run=_schema)

    coverage = commands.add_parser("coverage", help="print coverage of the province x indicator grid")
    coverage.add_argument("--json", action="store_true")
    coverage.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    coverage.set_defaults(run=_coverage)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    # Piped into `head` and the like: stop quietly when the reader goes away.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())

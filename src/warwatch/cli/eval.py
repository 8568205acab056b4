"""`warwatch eval NAME PATH`: evaluations against external data sets, printing figures."""

from __future__ import annotations

import argparse
import importlib

# Each module adds one `warwatch eval <name>` sub-command with `register(subparsers)`.
EVALUATIONS = ("eval_case2021", "eval_wikievents", "eval_geocode", "eval_fakes")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="measure a stage against an external data set",
        description="Measure a stage against an external, human-coded data set and print the figures.",
    )
    evals = parser.add_subparsers(dest="evaluation", metavar="DATASET")
    for name in EVALUATIONS:
        importlib.import_module(f"warwatch.cli.{name}").register(evals)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)

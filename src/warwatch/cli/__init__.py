"""The `warwatch` command line: one module per command, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each name is a module of this package that adds one command (or a group) to the parser.
COMMANDS = ("clean", "code", "export", "claims", "classify", "geocode", "eval", "serve")

DESCRIPTION = """\
warwatch turns raw news pages into ACLED-style conflict events, each traced to the
sentence and the source that reported it.

typical use:
  warwatch clean page.html                  show what cleaning keeps of a page
  warwatch code pages/ --db events.db       clean, code, geocode and store pages
  warwatch export --db events.db            events as ACLED-compatible CSV
  warwatch claims --db events.db            every casualty figure and who claimed it
"""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command registered."""
    parser = argparse.ArgumentParser(
        prog="warwatch",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from warwatch import __version__

    parser.add_argument("--version", action="version", version=f"warwatch {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"warwatch.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code (0 ok, 1 inputs skipped, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("warwatch: interrupted; everything stored before this point is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

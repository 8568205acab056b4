"""`warwatch serve`: the JSON API and the web page (map, timeline, evidence) over a database."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from warwatch.cli.common import EXIT_USAGE, add_db_option
from warwatch.store import database_address


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the JSON API and the web page (map, timeline, evidence) over a database",
        description="Serve the database over HTTP: the analyst's web page at /, the JSON API under /api "
                    "(events, claims, articles, aggregates, exports as CSV/GeoJSON/JSON lines), and its "
                    "documentation at /docs. Read-only unless a token is given: then POST /api/pages codes "
                    "new pages for callers that send `Authorization: Bearer TOKEN`.",
    )
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: %(default)s, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: %(default)s)")
    parser.add_argument("--token", default=os.environ.get("WARWATCH_TOKEN"),
                        help="allow POST /api/pages for callers sending this bearer token "
                             "(default: $WARWATCH_TOKEN; without one the server is read-only)")
    parser.add_argument("--cache-seconds", type=float, default=10.0,
                        help="keep totals, aggregates, map cells and the overview this long, so many page loads "
                             "cost one scan of the events; writes by other processes show after at most this "
                             "(default: %(default)s; 0: never cache)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from warwatch.serve.app import create_app
    except ImportError as exc:
        print(f"warwatch: serving needs the serve extra ({exc.name} is missing): "
              "pip install 'warwatch[serve]'", file=sys.stderr)
        return EXIT_USAGE
    address = database_address(args.db)
    if not address.startswith(("postgresql://", "postgres://")) and not Path(address).is_file():
        print(f"warwatch: no database at {address}: code pages into it first "
              f"(warwatch code PAGES --db {address})", file=sys.stderr)
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        print(f"warwatch: --port must be between 1 and 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.cache_seconds <= 86400:
        print(f"warwatch: --cache-seconds must be between 0 and 86400, not {args.cache_seconds}", file=sys.stderr)
        return EXIT_USAGE
    app = create_app(address, token=args.token, cache_seconds=args.cache_seconds)
    mode = "writes allowed with the token" if args.token else "read-only"
    print(f"warwatch: serving {address} on http://{args.host}:{args.port}/ ({mode}); API docs at /docs",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0

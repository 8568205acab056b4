"""`warwatch serve`: the JSON API and the analyst's web page over an event database."""

from warwatch.serve.app import create_app

__all__ = ["create_app"]

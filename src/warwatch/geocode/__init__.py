"""Geocoding, offline: place texts to GeoNames places with ACLED's geo_precision.

`geocode(ref)` resolves a PlaceRef; `open_gazetteer()` opens the index (built from
PyPI-shipped GeoNames data into the cache folder on first use); `country_info(name)` gives a
country's ACLED name and ISO codes.
"""

from __future__ import annotations

from warwatch.geocode.gazetteer import CountryInfo, Gazetteer, open_gazetteer
from warwatch.geocode.resolver import Resolver, geocode, parse


def country_info(name_or_code: str) -> CountryInfo | None:
    """A country by name ("Syria", "Syrian Arab Republic") or ISO code ("SY", "SYR"); None if unknown."""
    return open_gazetteer().country(name_or_code)


__all__ = ["CountryInfo", "Gazetteer", "Resolver", "country_info", "geocode", "open_gazetteer", "parse"]

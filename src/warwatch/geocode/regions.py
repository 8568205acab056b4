"""ACLED's regions and country names where they differ from GeoNames' short names."""

from __future__ import annotations

# ACLED region -> ISO 3166-1 alpha-2 codes. Countries not listed fall back on their
# GeoNames continent (CONTINENT_REGION): every European country is "Europe" that way.
_REGIONS = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MU YT RE RW SC SO SS TZ UG IO",
    "Southern Africa": "BW SZ LS MW MZ NA ZA ZM ZW",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "North America": "US CA GL PM BM",
    "Central America": "MX BZ CR SV GT HN NI PA",
    "Caribbean": "AG BS BB CU DM DO GD HT JM KN LC VC TT PR AI AW BQ VG KY CW GP MQ MS BL MF SX TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Oceania": "AU NZ FJ PG SB VU NC PF WS TO KI FM MH NR PW TV CK NU TK WF AS GU MP UM PN NF CX CC",
    "Antarctica": "AQ BV GS HM TF",
}
COUNTRY_REGION = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
CONTINENT_REGION = {"EU": "Europe", "NA": "North America", "SA": "South America", "OC": "Oceania",
                    "AN": "Antarctica", "AF": "Eastern Africa", "AS": "South Asia"}

# ACLED's spelling of a country name where it differs from GeoNames'.
ACLED_NAMES = {
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "SZ": "eSwatini",
    "CZ": "Czech Republic",
    "MK": "North Macedonia",
    "VA": "Vatican City",
}

# Other names the news uses for countries, beyond GeoNames' and ISO's.
COUNTRY_ALIASES = {
    "SY": ("Syrian Arab Republic",),
    "GB": ("UK", "Britain", "Great Britain"),
    "US": ("USA", "U.S.", "US", "America", "United States of America"),
    "AE": ("UAE", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Congo Republic"),
    "PS": ("Palestinian Territories", "State of Palestine", "Gaza Strip", "West Bank"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "MM": ("Burma",),
    "RU": ("Russian Federation",),
    "KR": ("Korea",),
}


def acled_region(iso2: str, continent: str | None) -> str | None:
    """ACLED's region for a country code, or None when it cannot be told."""
    return COUNTRY_REGION.get(iso2) or CONTINENT_REGION.get(continent or "")

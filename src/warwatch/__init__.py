"""warwatch: raw news pages in, sourced and geocoded ACLED-style conflict events out."""

__version__ = "0.1.0"

"""Deal checker engine for exports of security and surveillance products.

Pure standard library, so the same code runs in CPython (CLI, tests) and in Pyodide (the browser checker).
The public API is small: load reference data, parse a deal, screen it, render the result.
"""

from checker.engine import screen, screen_raw
from checker.errors import DealError, Problem
from checker.reference import ReferenceData, load_reference
from checker.result import Result
from checker.version import VERSION as __version__

__all__ = [
    "DealError",
    "Problem",
    "ReferenceData",
    "Result",
    "__version__",
    "load_reference",
    "screen",
    "screen_raw",
]

"""Every limit on input the engine enforces, in one place, so work per deal stays bounded whatever arrives.

Each limit is checked before the expensive step it protects (reading, parsing, suggesting, reporting). The same
numbers are documented in README.md ("Limits"); tests/engine/test_limits.py tries each at its bound and one past
it, tests/cli/test_limits_documented.py checks README.md and the page say the same numbers.
"""

from __future__ import annotations

MAX_BYTES = 1_000_000
"""A deal file, a batch row (JSON Lines line or CSV record) or a browser request: at most this many bytes are read."""

MAX_DEPTH = 32
"""Nesting of mappings and lists in a deal (a real deal nests 4 deep)."""

MAX_NUMBER_CHARS = 100
"""Characters in one number; longer ones are rejected before Python converts them (int() is quadratic)."""

MAX_NODES = 100_000
"""Values (mappings, lists, strings, numbers) in one deal; a real deal has a few hundred."""

MAX_TEXT = 2000
"""Characters in one text field of a deal (a name, a stated end use, a note), after trimming spaces."""

MAX_ITEMS = 50
"""Items in one list of a deal (capabilities, intermediaries, services, red flags, control entries...)."""

MAX_PROBLEMS = 50
"""Problems listed for one deal; the rest are counted ("and 12 more problems")."""

MAX_MESSAGE_CHARS = 400
"""Characters in one problem message (or path, or hint); a message quoting a longer value keeps both ends."""

MAX_SUGGESTIONS = 20
"""'Did you mean' suggestions computed for one deal (each compares the value with a whole vocabulary)."""

MAX_SUGGEST_CHARS = 60
"""Values longer than this get no 'did you mean' suggestion: no id or country name is that long."""

MAX_CSV_RECORD_LINES = 50
"""Physical lines one CSV record may span (a quoted cell with line breaks); more means an unclosed quote."""

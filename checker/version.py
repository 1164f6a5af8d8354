"""The release number: the one place it is written (pyproject reads it, reports and the wheel carry it)."""

VERSION = "0.1.0"

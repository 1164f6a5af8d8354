"""`python -m tests.golden [--update] [--dir DIR]`: check or regenerate the golden reports (see tests/golden)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.golden import GOLDEN_DIR, compare, update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files from the current engine")
    parser.add_argument("--dir", type=Path, default=GOLDEN_DIR, help="golden directory (default: tests/golden/reports)")
    args = parser.parse_args(argv)
    if args.update:
        print(f"{update(args.dir)} golden file(s) written or removed in {args.dir}")
        return 0
    differing, missing, stale = compare(args.dir)
    for label, names in (("differs", differing), ("missing", missing), ("stale", stale)):
        for name in names:
            print(f"{label}: {name}")
    if differing or missing or stale:
        print("golden reports out of date: run `python -m tests.golden --update` if the change is intended")
        return 1
    print("golden reports up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m checker.parties build [--check]`: compile the lists configured in site_data/lists.yml."""

import sys

from checker.parties.cli import cmd_build
from checker.parties.config import CONFIG, OUTPUT


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m checker.parties", description=__doc__)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--config", type=__import__("pathlib").Path, default=CONFIG)
    parser.add_argument("--output", type=__import__("pathlib").Path, default=OUTPUT)
    args = parser.parse_args(argv)
    return cmd_build(args, sys.stdout, sys.stderr, sys.stdin)


if __name__ == "__main__":
    sys.exit(main())

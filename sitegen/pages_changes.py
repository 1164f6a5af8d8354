"""The generated "Data changes" page: what changed in the data since the previous release, for release notes.

The previous release is a compiled bundle kept in `site_data/releases/previous.json` (plugin option
`previous_bundle`); the page is `dealcheck data diff PREVIOUS CURRENT` in Markdown, so a host publishes the same
release notes the command prints, and a firm can tell whether an earlier screening is affected.
"""

from __future__ import annotations

from pathlib import Path

from checker import links
from checker.datatools import DataFileError, diff, diff_text, read_bundle
from sitegen.context import Ctx
from sitegen.mdtools import esc
from sitegen.problems import Problem

Pages = dict[str, str]
PREVIOUS = Path("releases") / "previous.json"


def changes_src() -> str:
    return links.DATA_CHANGES_PAGE.rstrip("/") + ".md"


def data_changes_page(ctx: Ctx, previous: Path | None = None) -> Pages:
    src = changes_src()
    path = previous or ctx.site.root / PREVIOUS
    out = [
        "# Data changes\n",
        f"The data this site and its checker use is version `{esc(ctx.ref.version)}`, data as of "
        f"**{esc(ctx.ref.as_of)}**. A screening report names the data version it used: if yours names an "
        "earlier version, check below whether a measure, listed party or fact it relied on has changed, and "
        "screen the deal again.\n",
        "The same list comes from the command line: `dealcheck data diff OLD_BUNDLE NEW_BUNDLE` "
        "(`--format json` for machines); `dealcheck data audit` lists what is unverified, stale or weakly "
        "sourced.\n",
    ]
    if not path.exists():
        out.append("No earlier release is recorded, so there is nothing to compare with yet.\n")
        return {src: "\n".join(out)}
    try:
        old = read_bundle(path)
    except DataFileError as error:
        ctx.problems.append(Problem(ctx.site.display(path), 1, "(file)", str(error).split(": ", 1)[-1]))
        return {src: "\n".join(out)}
    note = old.get("release_note")
    if note:
        out.append(f"Compared with the previous release: {esc(str(note))}\n")
    out.append(diff_text(diff(old, ctx.ref.raw), markdown=True))
    return {src: "\n".join(out)}

"""Markdown helpers: relative links between generated pages, and rewriting of authors' URL-style links.

Content authors write links the way a reader sees URLs (`../../steps/end-user/`, relative to the page's URL).
MkDocs validates links to source files (`../steps/end-user.md`), so every relative link is mapped to the page's
source file here; a link to no page is a validation problem naming the file and line.
"""

from __future__ import annotations

import html
import posixpath
import re

from sitegen.problems import Problem

LINK = re.compile(r"(\]\()([^)\s]+)(\))")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def url_of(src: str) -> str:
    """Site-relative URL of a source path with use_directory_urls: `steps/a.md` -> `steps/a/`."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def relative(from_src: str, to_src: str) -> str:
    """Relative link from one source file to another (what MkDocs expects in Markdown)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


class LinkMap:
    """Knows every page's source path by URL; turns site paths into relative Markdown links."""

    def __init__(self, sources: list[str], fallbacks: dict[str, str] | None = None) -> None:
        self.by_url = {url_of(src): src for src in sources}
        # A page another part of the project adds later (the checker, issue 4) may be linked before it exists:
        # until then its links lead to a stand-in page instead of breaking the strict build.
        for url, stand_in in (fallbacks or {}).items():
            if url not in self.by_url and stand_in in self.by_url:
                self.by_url[url] = self.by_url[stand_in]

    def add(self, src: str) -> None:
        self.by_url[url_of(src)] = src

    def href(self, from_src: str, site_path: str, anchor: str = "") -> str:
        """Link from a page to a site path (as built by checker.links); KeyError if no page has that path."""
        target = self.by_url[site_path]
        return relative(from_src, target) + (f"#{anchor}" if anchor else "")

    def resolve(self, from_src: str, target: str) -> str | None:
        """Map a URL-style relative link written on page `from_src` to a Markdown link, None if it is broken."""
        path, _, anchor = target.partition("#")
        if path.endswith(".md"):
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
            return target if joined in self.by_url.values() else None
        base = url_of(from_src)
        joined = posixpath.normpath(posixpath.join(base, path)) if path else base.rstrip("/")
        if joined in (".", ""):
            site_path = ""
        elif joined.startswith(".."):
            return None
        else:
            site_path = joined.strip("/") + "/"
        if site_path in self.by_url:
            return relative(from_src, self.by_url[site_path]) + (f"#{anchor}" if anchor else "")
        return None

    def rewrite(self, text: str, from_src: str, file: str, line: int, field: str, problems: list[Problem]) -> str:
        """Rewrite every relative link in `text`; broken ones are reported at their line in `file`."""

        def fix(match: re.Match[str]) -> str:
            target = match.group(2)
            if EXTERNAL.match(target) or target.startswith("/"):
                return match.group(0)
            resolved = self.resolve(from_src, target)
            if resolved is None:
                at = line + text.count("\n", 0, match.start())
                problems.append(Problem(file, at, field, f"link {target!r} does not lead to any page of the site"))
                return match.group(0)
            return f"{match.group(1)}{resolved}{match.group(3)}"

        return LINK.sub(fix, text)


def esc(text: object) -> str:
    """Escape data for use inside Markdown tables and inline HTML."""
    return html.escape(str(text), quote=True).replace("|", "&#124;")


def cell(text: object) -> str:
    """A table cell: one line, pipes escaped, Markdown kept."""
    return " ".join(str(text).split()).replace("|", "\\|")


CONFIDENCE_NOTES = {
    "unverified": "Unverified: recalled, not confirmed in a cited source. Check it before relying on it.",
    "possibly_lapsed": "Possibly lapsed: confirmed once, but its renewal or expiry date has passed with no later source.",
    "secondary": "From one secondary compiled source; check the primary text.",
}


def badge(confidence: str | None) -> str:
    """A small confidence badge (text, so it prints and reads aloud)."""
    if not confidence:
        return ""
    label = confidence.replace("_", " ")
    return f'<span class="ceg-badge ceg-{confidence.replace("_", "-")}" title="confidence: {label}">{label}</span>'


def confidence_note(confidence: str | None, what: str = "This record") -> str:
    """A visible admonition wherever data is unverified or possibly lapsed."""
    if confidence == "unverified":
        return f'!!! warning "Unverified"\n    {what} is **unverified**: recalled, not confirmed in a cited source. Check it before relying on it.\n'
    if confidence == "possibly_lapsed":
        return f'!!! warning "Possibly lapsed"\n    {what} is **possibly lapsed**: confirmed once, but its renewal or expiry date has passed with no later source.\n'
    return ""


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.strip().splitlines())

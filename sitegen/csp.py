"""The site's Content Security Policy, in one place: the meta tag every page carries, and the HTTP headers a host adds.

No ``'unsafe-inline'`` for scripts: after the build, ``apply_to_site`` hashes every inline script of every page
(Material's own included: the palette, the scope and anchor snippets, whose text differs with the page's depth) and
writes the union of the hashes into each page's policy. The union, not each page's own set, because Material's
instant navigation swaps in the next page's scripts under the first page's policy.

A ``<meta>`` policy cannot carry ``frame-ancestors`` (nor the other headers below): ``headers(site_dir)`` gives the
full header set for a built site; the deploy configurations and docs/hosting.md use it. What a CSP cannot stop in
current browsers is navigation (``window.open``, ``location``, a ``<meta http-equiv=refresh>``) and WebRTC; both
need script execution or injected markup, which the strict ``script-src`` and the engine's escaping prevent
(documented in docs/hosting.md as the residual risk).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HASHES_PLACEHOLDER = "'sha256-HASHES-OF-INLINE-SCRIPTS'"
"""Written by the template, replaced after the build; a page that still has it runs no inline script at all."""

DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": f"'self' 'wasm-unsafe-eval' {HASHES_PLACEHOLDER}",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}
HEADER_ONLY_DIRECTIVES: dict[str, str] = {"frame-ancestors": "'none'"}
"""Ignored in a <meta> policy: only an HTTP header can stop another origin from framing the checker."""

OTHER_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()",
    "Strict-Transport-Security": "max-age=31536000",
}
"""Headers a meta tag cannot set, for the host to send with every response (HSTS only over HTTPS)."""

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}


def policy(hashes: list[str] | None = None, *, header: bool = False) -> str:
    """The policy text; ``hashes`` replaces the placeholder (None keeps it, for the template)."""
    directives = dict(DIRECTIVES)
    if header:
        directives.update(HEADER_ONLY_DIRECTIVES)
    text = "; ".join(f"{name} {value}" for name, value in directives.items())
    if hashes is not None:
        text = text.replace(" " + HASHES_PLACEHOLDER, "".join(f" '{h}'" for h in hashes))
    return text


def inline_script_hashes(html: str) -> set[str]:
    """sha256-... of each inline script the browser would execute (JSON data blocks are not scripts)."""
    found = set()
    for attrs, body in _SCRIPT.findall(html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE_TYPES:
            continue
        source = body.replace("\r\n", "\n").replace("\r", "\n")  # the HTML parser normalises line ends first
        digest = hashlib.sha256(source.encode("utf-8")).digest()
        found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found


def site_hashes(site_dir: str | Path) -> list[str]:
    hashes: set[str] = set()
    for page in sorted(Path(site_dir).rglob("*.html")):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    return sorted(hashes)


def apply_to_site(site_dir: str | Path) -> list[str]:
    """Replace the placeholder in every page with the hashes of every inline script in the site; returns them."""
    hashes = site_hashes(site_dir)
    replacement = "".join(f" '{h}'" for h in hashes)
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if HASHES_PLACEHOLDER in text:
            page.write_text(text.replace(" " + HASHES_PLACEHOLDER, replacement), encoding="utf-8")
    return hashes


def headers(site_dir: str | Path) -> dict[str, str]:
    """Every header a host should send for this built site: the full policy (with frame-ancestors) and the rest."""
    return {"Content-Security-Policy": policy(site_hashes(site_dir), header=True), **OTHER_HEADERS}


def header_lines(site_dir: str | Path, style: str = "plain") -> list[str]:
    """The headers as ``Name: value`` lines, nginx ``add_header`` directives or Apache ``Header always set`` lines."""
    lines = []
    for name, value in headers(site_dir).items():
        if style == "nginx":
            lines.append(f'add_header {name} "{value}" always;')
        elif style == "apache":
            lines.append(f'Header always set {name} "{value}"')
        else:
            lines.append(f"{name}: {value}")
    return lines


def main() -> None:
    """`python -m sitegen.csp [--nginx | --apache] SITE_DIR`: print the headers for a built site, one per line, as
    plain `Name: value` lines or as an nginx snippet (deploy/nginx/) or Apache lines (deploy/apache/.htaccess)."""
    import sys

    args = sys.argv[1:]
    style = "plain"
    if args and args[0] in ("--nginx", "--apache"):
        style = args.pop(0)[2:]
    if len(args) != 1:
        raise SystemExit("usage: python -m sitegen.csp [--nginx | --apache] SITE_DIR")
    if not Path(args[0]).is_dir():
        raise SystemExit(f"{args[0]}: not a built site folder (run mkdocs build first)")
    if style == "nginx":
        print("# Generated by `python -m sitegen.csp --nginx` for one build; regenerate after every build.")
    for line in header_lines(args[0], style):
        print(line)


if __name__ == "__main__":
    main()

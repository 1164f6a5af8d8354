"""Exports are safe to open: no javascript: (or data:, vbscript:) link in any format, whatever the base URL, the
environment or an imported list says; Markdown renders the deal's text exactly as typed in python-markdown."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from checker import links
from checker.engine import screen_raw
from checker.reference import load_reference
from checker.render import render
from tests.cli.test_cli import SCENARIOS, write
from tests.scenarios import SCREENING_DATE

REF = load_reference()
BAD_TARGETS = [
    "javascript:alert(1)//",
    "JaVaScRiPt:alert(1)//",
    "java\tscript:alert(1)//",
    " javascript:alert(1)//",
    "data:text/html,<script>alert(1)</script>//",
    "vbscript:msgbox(1)//",
    "file:///etc/passwd#",
]
PAYLOADS = [
    "<b>bold</b>",
    "&lt;b&gt; typed as entities",
    "*star* _under_ `tick` **strong**",
    "[click](javascript:alert(1))",
    "![img](http://example.invalid/x.png)",
    "a|b|c",
    "back\\slash \\* \\",
    "1. not a list",
    "# not a heading",
    "<img src=x onerror=alert(1)>",
    "~~strike~~ {: .cls} <!-- comment -->",
    "<http://example.invalid> &amp; &copy; &#60;",
    "+ - . ! > # ( ) [ ] { }",
    "Société Générale 电信",
]


class _Collect(HTMLParser):
    """Every href and every text node of the rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markup: str) -> _Collect:
    collector = _Collect()
    collector.feed(markup)
    return collector


def deal_with(text: str) -> dict:
    deal = json.loads(json.dumps(SCENARIOS["gamma-finfisher-egypt"]["deal"]))
    deal["reference"] = text
    deal["product"]["name"] = text
    deal["end_user"]["name"] = text
    return deal


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_report_renders_deal_text_as_typed(payload: str) -> None:
    report = render(screen_raw(deal_with(payload), reference=REF, on=SCREENING_DATE), "markdown", reference=REF)
    rendered = markdown.markdown(report, extensions=["tables"])
    page = parsed(rendered)
    cells = re.findall(r"<td>(.*?)</td>", rendered)
    facts = {html.unescape(k): html.unescape(v) for k, v in zip(cells[0::2], cells[1::2], strict=False)}
    for fact in ("Reference", "Product", "End user"):
        assert facts[fact] == payload, (fact, rendered[:600])
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    assert not [h for h in page.hrefs if not h.startswith(("http://", "https://")) and ":" in h.split("/")[0]]
    assert f"# {payload}" not in rendered


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_no_format_links_to_a_bad_target_from_the_base_url(target: str) -> None:
    result = screen_raw(SCENARIOS["gamma-finfisher-egypt"]["deal"], reference=REF, on=SCREENING_DATE)
    html_page = parsed(render(result, "html", reference=REF, base_url=target))
    md_page = parsed(
        markdown.markdown(render(result, "markdown", reference=REF, base_url=target), extensions=["tables"])
    )
    good = parsed(render(result, "html", reference=REF, base_url="https://guide.example.org/"))
    assert good.hrefs, "with a good base URL the report links to the guidance (so the check below can fail)"
    for page in (html_page, md_page):
        # Site links under a bad base become text (site-relative source addresses too); sources' own http(s)
        # addresses stay links.
        assert all(h.startswith(("http://", "https://")) or ":" not in h.split("/")[0] for h in page.hrefs), page.hrefs
    assert "See: " not in render(result, "text", reference=REF, base_url=target)


def test_safe_target_keeps_good_links_and_encodes_what_ends_a_link() -> None:
    assert links.safe_target("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
    assert links.safe_target("findings/f101/") == "findings/f101/"
    assert links.safe_target("/guide/findings/f101/") == "/guide/findings/f101/"
    assert links.safe_target("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    for bad in [*BAD_TARGETS, "", None, "a\x00b", "x:y"]:
        assert links.safe_target(bad) is None, bad


def dealcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_cli_refuses_a_javascript_base_url_from_the_option_or_the_environment(tmp_path: Path) -> None:
    deal = write(tmp_path, "deal.json", json.dumps(SCENARIOS["gamma-finfisher-egypt"]["deal"]))
    proc = dealcheck("screen", deal, "--format", "markdown", "--base-url", "javascript:alert(1)//")
    assert proc.returncode == 64 and b"--base-url" in proc.stderr and not proc.stdout
    proc = dealcheck("screen", deal, "--format", "html", env={"DEALCHECK_BASE_URL": "javascript:alert(1)//"})
    assert proc.returncode == 64 and b"DEALCHECK_BASE_URL" in proc.stderr
    proc = dealcheck("screen", deal, "--format", "markdown", "--base-url", "https://guide.example.org/")
    assert proc.returncode == 3 and b"](https://guide.example.org/findings/" in proc.stdout


def test_the_html_report_carries_a_policy_that_loads_and_runs_nothing() -> None:
    result = screen_raw(deal_with("<img src=x onerror=alert(1)>"), reference=REF, on=SCREENING_DATE)
    page = render(result, "html", reference=REF)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy and policy.group(1).startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert "<img" not in page

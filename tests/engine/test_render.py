"""One outline, three formats: same facts in text, Markdown and HTML; user text never becomes markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from checker.engine import screen_raw
from checker.reference import load_reference
from checker.render import render, to_html_fragment
from tests.scenarios import SCREENING_DATE, load_scenarios

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">[link](javascript:alert(1))'


def _scenario(name: str) -> dict:
    return dict(load_scenarios())[name]["deal"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_every_format_carries_verdict_codes_and_provenance() -> None:
    ref = load_reference()
    result = screen_raw(_scenario("gamma-finfisher-egypt"), on=SCREENING_DATE)
    for fmt in ("text", "markdown", "html"):
        out = render(result, fmt, reference=ref)
        assert "STOP" in out
        for finding in result.findings:
            assert finding.code in out, (fmt, finding.code)
        assert "not legal advice" in out
        assert SCREENING_DATE in out and ref.version in out
    data = json.loads(render(result, "json"))
    assert data["verdict"] == "STOP" and data["provenance"]["data_version"] == ref.version


def test_html_escapes_every_user_string() -> None:
    deal = {
        "reference": PAYLOAD,
        "exporter": {"name": PAYLOAD, "country": "GB"},
        "product": {"name": PAYLOAD, "description": PAYLOAD, "capabilities": ["covert_recording"]},
        "destination": {"country": "FR"},
        "end_user": {"name": PAYLOAD, "type": "individual", "stated_end_use": PAYLOAD},
        "intermediaries": [{"name": PAYLOAD, "role": "reseller", "country": "FR", "free_zone": True}],
    }
    result = screen_raw(deal, on=SCREENING_DATE)
    html = to_html_fragment(result)
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert not any((value or "").startswith("javascript:") for _, value in parser.attrs)
    assert PAYLOAD in "".join(parser.text)


def test_markdown_escapes_user_strings() -> None:
    deal = {"product": {"name": PAYLOAD}, "end_user": {"name": "[evil](http://example.invalid)"}}
    out = render(screen_raw(deal, on=SCREENING_DATE), "markdown")
    assert "<script>" not in out and "](javascript:" not in out and "[evil](http" not in out


def test_links_use_the_site_layout_and_base_url() -> None:
    result = screen_raw(_scenario("bluecoat-syria-known"), on=SCREENING_DATE)
    html = render(result, "html", base_url="https://guide.example.org/")
    assert 'href="https://guide.example.org/findings/u401/"' in html
    assert 'href="https://guide.example.org/steps/intermediaries-and-diversion/"' in html
    assert 'href="https://guide.example.org/case-studies/bluecoat-syria-computerlinks/"' in html
    relative = render(result, "html")
    assert re.search(r'href="findings/u401/"', relative)


def test_unverified_data_is_flagged_in_the_report() -> None:
    result = screen_raw(_scenario("zimbabwe-unverified-uk-goods"), on=SCREENING_DATE)
    text = render(result, "text")
    assert "unverified" in text and "verify" in text


def test_reports_say_which_party_lists_were_screened() -> None:
    result = screen_raw(_scenario("parties-intellexa-distributor"), on=SCREENING_DATE)
    for fmt in ("text", "markdown", "html"):
        out = render(result, fmt)
        assert "Party lists screened" in out and "Curated listed parties" in out
    assert "party_screening" in json.loads(render(result, "json"))["provenance"]


def test_reports_carry_a_deal_fingerprint_and_a_decision_record() -> None:
    deal = _scenario("bluecoat-iraq-as-vendor-saw-it")
    result = screen_raw(deal, on=SCREENING_DATE)
    fingerprint = result.provenance["deal_sha256"]
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    assert screen_raw(result.deal, on=SCREENING_DATE).provenance["deal_sha256"] == fingerprint
    changed = dict(deal, reference="another quote")
    assert screen_raw(changed, on=SCREENING_DATE).provenance["deal_sha256"] != fingerprint
    for fmt in ("text", "markdown", "html"):
        out = render(result, fmt)
        assert fingerprint in out and "Record of decision" in out and "Reviewed by" in out

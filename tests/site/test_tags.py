"""Case studies are tagged by capability and failed step; each tag links to the tags page, which lists the case."""

from __future__ import annotations

import re
from pathlib import Path

from checker.reference import load_reference


def test_case_study_tags_link_to_the_tags_page_which_lists_them(site_dir: Path) -> None:
    ref = load_reference()
    steps = {s["id"]: s["title"] for s in ref.steps}
    tags_page = (site_dir / "tags" / "index.html").read_text(encoding="utf-8")
    for case in ref.case_studies:
        html = (site_dir / "case-studies" / case.id / "index.html").read_text(encoding="utf-8")
        tags = dict(re.findall(r'<a href="\.\./\.\./tags/#(tag:[^"]+)" class="md-tag">\s*([^<]+?)\s*<', html))
        labels = set(tags.values())
        for step in case.failed_steps:
            assert f"Failed step: {steps[step]}" in labels, (case.id, step)
        for cap in case.capabilities:
            assert ref.label("capabilities", cap) in labels, (case.id, cap)
        for anchor in tags:
            assert f'id="{anchor}"' in tags_page, anchor
        assert f"case-studies/{case.id}/" in tags_page

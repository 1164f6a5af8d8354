"""Read every file of site_data/, validate it against `sitegen.schema`, resolve cross-references, report all problems.

`load_site_data` either returns a fully valid `SiteData` or raises `ValidationFailed` listing every problem as
`file:line: field: problem`. The bundle compiler and the page generator both start here, so the site and the
checker can never read the data differently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.provenance import confirmed_problem, parse_date, source_problems
from checker.reference import VOCABULARIES
from checker.registry import CONTROL_ENTRIES, STEPS, used_ids
from sitegen import schema as S
from sitegen.context_data import load_context
from sitegen.problems import Problem, ValidationFailed
from sitegen.validate import Checker, Ref
from sitegen.yamlmarks import MarkedDict, MarkedList, read_front_matter, read_yaml

ARCHITECTURE_VOCABULARIES = S.REQUIRED_VOCABULARIES
SUBDIVISION = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")


@dataclass
class MarkdownDoc:
    """A Markdown file with YAML front matter (a step or a prose page)."""

    slug: str
    file: str
    meta: MarkedDict
    body: str
    body_line: int


@dataclass
class SiteData:
    """All of site_data/, validated. Records are MarkedDicts (plain dicts that also know their lines)."""

    root: Path
    sources: list[MarkedDict] = field(default_factory=list)
    countries_meta: MarkedDict = field(default_factory=MarkedDict)
    countries: list[MarkedDict] = field(default_factory=list)
    measures: list[MarkedDict] = field(default_factory=list)
    control_entries: list[MarkedDict] = field(default_factory=list)
    listed_parties: list[MarkedDict] = field(default_factory=list)
    authorities: list[MarkedDict] = field(default_factory=list)
    exporter_steps: list[MarkedDict] = field(default_factory=list)  # reference/exporter_steps/*.yml, file order
    exporter_steps_files: dict[str, str] = field(default_factory=dict)  # country -> display path
    vocabularies: dict[str, list[MarkedDict]] = field(default_factory=dict)
    case_studies: list[MarkedDict] = field(default_factory=list)
    case_files: dict[str, str] = field(default_factory=dict)
    steps: list[MarkdownDoc] = field(default_factory=list)
    pages: dict[str, MarkdownDoc] = field(default_factory=dict)
    glossary: list[MarkedDict] = field(default_factory=list)
    glossary_file: str = ""
    context: dict[str, Any] = field(default_factory=dict)  # site_data/context/, see sitegen.context_data
    facts: list[tuple[str, MarkedDict, str]] = field(default_factory=list)  # (file, record, field prefix)

    def display(self, path: Path) -> str:
        return display_path(self.root, path)


def display_path(root: Path, path: Path) -> str:
    """Paths in messages start at the site_data folder's own name (`site_data/...`), never a machine path."""
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return path.name


class _Loading:
    """State of one load: the problems so far, references to resolve, ids per space."""

    def __init__(self, root: Path) -> None:
        self.site = SiteData(root=root)
        self.problems: list[Problem] = []
        self.refs: list[Ref] = []
        self.ids: dict[str, dict[str, tuple[str, int]]] = {}
        self.missing_spaces: set[str] = set()
        self.facts: list[tuple[str, MarkedDict, str]] = []  # (file, record, field prefix) of every dated fact

    def fact(self, display: str, record: Any, schema: S.Schema, prefix: str = "") -> None:
        """Remember a record that carries provenance, for the source-quality rules run once sources are known."""
        if isinstance(record, MarkedDict) and "verified_on" in schema:
            self.facts.append((display, record, prefix))

    def add(self, checker: Checker) -> None:
        self.problems.extend(checker.problems)
        self.refs.extend(checker.refs)

    def define(self, space: str, value: Any, file: str, line: int, field_name: str) -> None:
        """Register an id; a second definition in the same space is a problem naming the first."""
        if not isinstance(value, str):
            return
        seen = self.ids.setdefault(space, {})
        if value in seen:
            first_file, first_line = seen[value]
            self.problems.append(
                Problem(file, line, field_name, f"duplicate id {value!r} (first defined at {first_file}:{first_line})")
            )
        else:
            seen[value] = (file, line)

    def records(self, path: Path, key: str, required: bool = True) -> tuple[list[Any], Any, str]:
        """Read a file holding a list of records, either top-level or under `key:`."""
        display = self.site.display(path)
        if not path.exists():
            if required:
                self.problems.append(Problem(display, 1, "(file)", "required file is missing"))
            return [], None, display
        data, problems = read_yaml(path, display)
        self.problems.extend(problems)
        if problems:
            return [], None, display
        if isinstance(data, MarkedDict) and key in data:
            items = data[key]
        else:
            items = data
        if items is None:
            items = MarkedList()
        if not isinstance(items, MarkedList):
            line = data.line if isinstance(data, (MarkedDict, MarkedList)) else 1
            self.problems.append(
                Problem(display, line, key, f"expected a list of records (top level or under `{key}:`)")
            )
            return [], data, display
        return list(zip(items, items.item_lines, strict=False)), data, display

    def list_file(
        self,
        path: Path,
        key: str,
        schema: S.Schema,
        space: str | None,
        id_field: str = "id",
        required: bool = True,
        open_schema: bool = False,
        renamed: dict[str, str] | None = None,
    ) -> tuple[list[MarkedDict], Any]:
        items, data, display = self.records(path, key, required)
        if space and data is None:
            self.missing_spaces.add(space)  # missing or unparsable: its problem is reported, not every dangling ref
        checker = Checker(display)
        valid: list[MarkedDict] = []
        for index, (item, line) in enumerate(items):
            if checker.record(item, schema, "", line, open_schema=open_schema, renamed=renamed):
                valid.append(item)
                self.fact(display, item, schema)
                if space:
                    self.define(space, item.get(id_field), display, item.line_of(id_field), id_field)
            del index
        self.add(checker)
        return valid, data


def load_site_data(root: Path) -> SiteData:
    """Load and validate everything under `root` (a site_data folder); raise ValidationFailed on any problem."""
    state = _Loading(root)
    site = state.site
    if not root.is_dir():
        raise ValidationFailed([Problem(root.name, 1, "(folder)", "site_data folder not found")])

    _load_sources(state)
    _load_countries(state)
    for path in sorted((root / "reference" / "measures").glob("*.yml")):
        found, _ = state.list_file(path, "measures", S.MEASURE, "measure")
        site.measures.extend(found)
    if not site.measures:
        state.problems.append(
            Problem(site.display(root / "reference" / "measures"), 1, "(folder)", "no measures files found")
        )
    _check_lifted(state)
    site.control_entries, _ = state.list_file(
        root / "reference" / "control_entries.yml", "control_entries", S.CONTROL_ENTRY, "control"
    )
    site.authorities, authorities_doc = state.list_file(
        root / "reference" / "authorities.yml", "authorities", S.AUTHORITY, "authority"
    )
    site.listed_parties, parties_doc = state.list_file(
        root / "reference" / "listed_parties.yml",
        "listed_parties",
        S.LISTED_PARTY,
        "party",
        required=False,
        open_schema=True,
    )
    for path, doc in (
        (root / "reference" / "authorities.yml", authorities_doc),
        (root / "reference" / "listed_parties.yml", parties_doc),
    ):
        _embedded_sources(state, path, doc)
    _load_exporter_steps(state)
    _load_vocabularies(state)
    _load_case_studies(state)
    load_context(state)
    _load_steps(state)
    _load_pages(state)
    glossary_path = root / "content" / "glossary.yml"
    site.glossary_file = site.display(glossary_path)
    site.glossary, _ = state.list_file(glossary_path, "terms", S.GLOSSARY_TERM, "glossary", required=False)
    _check_required_ids(state)
    _resolve(state)
    _check_provenance(state)
    _check_exporter_step_sources(state)
    site.facts = state.facts
    if state.problems:
        raise ValidationFailed(state.problems)
    return site


def _load_sources(state: _Loading) -> None:
    for path, required in (
        (state.site.root / "sources.yml", True),
        (state.site.root / "content" / "sources.yml", False),
    ):
        found, _ = state.list_file(path, "sources", S.SOURCE, "source", required=required, renamed=S.SOURCE_RENAMED)
        state.site.sources.extend(found)
        display = state.site.display(path)
        for source in found:
            _check_source(state, display, source, "")


def _embedded_sources(state: _Loading, path: Path, doc: Any) -> None:
    """A reference file may carry its own `sources:` block (merged into the registry, as the bundle does)."""
    if not isinstance(doc, MarkedDict) or "sources" not in doc:
        return
    display = state.site.display(path)
    block = doc["sources"]
    if not isinstance(block, MarkedList):
        state.problems.append(Problem(display, doc.line_of("sources"), "sources", "expected a list of source records"))
        return
    checker = Checker(display)
    for index, item in enumerate(block):
        if checker.record(item, S.SOURCE, f"sources[{index}]", block.line_of(index), renamed=S.SOURCE_RENAMED):
            state.site.sources.append(item)
            _check_source(state, display, item, f"sources[{index}].")
            state.define("source", item.get("id"), display, item.line_of("id"), f"sources[{index}].id")
    state.add(checker)


def _load_exporter_steps(state: _Loading) -> None:
    """Next steps per exporter jurisdiction: one file per authority family (uk.yml, eu.yml, us.yml), each with its
    own `sources:` block; a country appears once across the files."""
    folder = state.site.root / "reference" / "exporter_steps"
    paths = sorted(folder.glob("*.yml"))
    if not paths:
        state.problems.append(Problem(state.site.display(folder), 1, "(folder)", "no exporter-steps files found"))
        return
    for path in paths:
        found, doc = state.list_file(path, "jurisdictions", S.EXPORTER_STEPS, "exporter_steps", id_field="country")
        display = state.site.display(path)
        _embedded_sources(state, path, doc)
        checker = Checker(display)
        for record in found:
            country = record.get("country")
            if isinstance(country, str) and country != "EU":
                checker.refs.append(Ref("country", country, display, record.line_of("country"), "country"))
            state.site.exporter_steps.append(record)
            state.site.exporter_steps_files.setdefault(str(country), display)
            for prefix, item in _step_items(record):
                if item.get("confidence") == "unverified" and not item.get("note"):
                    checker.problem(item.line, prefix + "note", "an unverified step must say what was not confirmed")
        state.add(checker)


def _step_items(record: MarkedDict) -> list[tuple[str, MarkedDict]]:
    """(field prefix, item) for every next-step item of one exporter-steps record, in file order."""
    items: list[tuple[str, MarkedDict]] = [
        (f"{name}.", record[name]) for name in ("authority", "apply") if isinstance(record.get(name), MarkedDict)
    ]
    for name in S.EXPORTER_STEP_LISTS:
        for index, item in enumerate(record.get(name) or []):
            if isinstance(item, MarkedDict):
                items.append((f"{name}[{index}].", item))
    return items


def _check_exporter_step_sources(state: _Loading) -> None:
    """Every next step cites an official source: what a firm is told to do under its own law rests on the
    authority's own page or the legal text, never on a consultant's summary (issue 11)."""
    sources = {s.get("id"): s for s in state.site.sources}
    for record in state.site.exporter_steps:
        display = state.site.exporter_steps_files.get(str(record.get("country")), "site_data")
        for prefix, item in _step_items(record):
            cited = [sources[i] for i in item.get("sources") or [] if isinstance(i, str) and i in sources]
            if len(cited) != len(item.get("sources") or []):
                continue  # dangling ids are already reported
            if not any(s.get("kind") == "official" and str(s.get("url", "")).startswith("https://") for s in cited):
                kinds = ", ".join(f"{s.get('id')} ({s.get('kind')})" for s in cited) or "none"
                state.problems.append(
                    Problem(
                        display,
                        item.line_of("sources"),
                        prefix + "sources",
                        "a next step must cite an official source (kind: official, with its https address: the "
                        f"authority's own page or the legal text); cited: {kinds}",
                    )
                )


def _load_countries(state: _Loading) -> None:
    path = state.site.root / "reference" / "countries.yml"
    found, data = state.list_file(path, "countries", S.COUNTRY, "country", id_field="code")
    state.site.countries = found
    if isinstance(data, MarkedDict) and "meta" in data:
        checker = Checker(state.site.display(path))
        if checker.record(data["meta"], S.COUNTRIES_META, "meta", data.line_of("meta")):
            state.site.countries_meta = data["meta"]
            state.fact(state.site.display(path), data["meta"], S.COUNTRIES_META, "meta.")
        state.add(checker)
    elif data is not None:
        state.problems.append(
            Problem(
                state.site.display(path),
                1,
                "meta",
                "required block is missing (file-level sources, verified_on, confidence)",
            )
        )


def _check_lifted(state: _Loading) -> None:
    """`ended` only makes sense on a lifted measure (in_force: false); an authorisation regime names its route."""
    for measure in state.site.measures:
        file = _file_of(state, "measure", measure.get("id"))
        if measure.get("in_force") is True and "ended" in measure:
            state.problems.append(
                Problem(
                    file,
                    measure.line_of("ended"),
                    "ended",
                    "set on a measure that is in force; set in_force: false or remove ended",
                )
            )
        regime, route = measure.get("regime"), measure.get("authorisation_route")
        if regime == "authorisation" and not route:
            state.problems.append(
                Problem(file, measure.line_of("regime"), "authorisation_route", "required when regime is authorisation")
            )
        if route and regime != "authorisation":
            state.problems.append(
                Problem(
                    file,
                    measure.line_of("authorisation_route"),
                    "authorisation_route",
                    "set on a measure whose regime is not authorisation; set regime: authorisation or remove it",
                )
            )


def _file_of(state: _Loading, space: str, value: Any) -> str:
    return state.ids.get(space, {}).get(value, ("site_data", 0))[0]


def _load_vocabularies(state: _Loading) -> None:
    folder = state.site.root / "vocabularies"
    for name in VOCABULARIES:
        path = folder / f"{name}.yml"
        schema = {**S.VOCAB_BASE, **S.VOCAB_EXTRA.get(name, {})}
        required = name in ARCHITECTURE_VOCABULARIES
        found, _ = state.list_file(path, name, schema, _VOCAB_SPACE.get(name, name), required=required)
        state.site.vocabularies[name] = found
    for path in sorted(folder.glob("*.yml")):
        if path.stem not in VOCABULARIES:
            state.problems.append(
                Problem(
                    state.site.display(path),
                    1,
                    "(file)",
                    f"unknown vocabulary (expected one of: {', '.join(VOCABULARIES)})",
                )
            )


_VOCAB_SPACE = {
    "capabilities": "capability",
    "rights": "right",
    "end_user_types": "end_user_type",
    "intermediary_roles": "intermediary_role",
    "red_flags": "red_flag",
    "capability_families": "capability_family",
}


def _load_case_studies(state: _Loading) -> None:
    for path in sorted((state.site.root / "content" / "case_studies").glob("*.yml")):
        display = state.site.display(path)
        data, problems = read_yaml(path, display)
        state.problems.extend(problems)
        if problems:
            continue
        checker = Checker(display)
        if checker.record(data, S.CASE_STUDY, "", 1):
            state.fact(display, data, S.CASE_STUDY)
            if data.get("id") != path.stem:
                checker.problem(data.line_of("id"), "id", f"{data.get('id')!r} must match the file name {path.stem!r}")
            state.site.case_studies.append(data)
            state.site.case_files[str(data.get("id"))] = display
            state.define("case", data.get("id"), display, data.line_of("id"), "id")
        state.add(checker)


def _load_markdown(state: _Loading, path: Path, schema: S.Schema) -> MarkdownDoc | None:
    display = state.site.display(path)
    meta, body, body_line, problems = read_front_matter(path, display)
    state.problems.extend(problems)
    if problems:
        return None
    checker = Checker(display)
    ok = checker.record(meta, schema, "", 2)
    state.add(checker)
    if ok:
        state.fact(display, meta, schema)
    return MarkdownDoc(path.stem, display, meta, body, body_line) if ok else None


def _load_steps(state: _Loading) -> None:
    folder = state.site.root / "content" / "steps"
    for path in sorted(folder.glob("*.md")):
        doc = _load_markdown(state, path, S.STEP)
        if doc is None:
            continue
        if doc.meta.get("id") != path.stem:
            state.problems.append(
                Problem(
                    doc.file,
                    doc.meta.line_of("id"),
                    "id",
                    f"{doc.meta.get('id')!r} must match the file name {path.stem!r}",
                )
            )
        state.define("step_file", doc.meta.get("id"), doc.file, doc.meta.line_of("id"), "id")
        state.site.steps.append(doc)
    present = {doc.slug for doc in state.site.steps}
    for step in STEPS:
        if step not in present:
            state.problems.append(
                Problem(state.site.display(folder / f"{step}.md"), 1, "(file)", f"step page for {step!r} is missing")
            )
    state.site.steps.sort(key=lambda d: (d.meta.get("order") if isinstance(d.meta.get("order"), int) else 99, d.slug))


def _load_pages(state: _Loading) -> None:
    for path in sorted((state.site.root / "content" / "pages").glob("*.md")):
        doc = _load_markdown(state, path, S.PAGE)
        if doc is not None:
            state.site.pages[doc.slug] = doc


def _check_required_ids(state: _Loading) -> None:
    """Every id a rule's check names (its `uses`, checker.registry) must be defined, or that rule cannot fire."""
    root = state.site.root
    for name, ids in sorted(used_ids().items()):
        if name == CONTROL_ENTRIES:
            space, path = "control", root / "reference" / "control_entries.yml"
        else:
            space, path = _VOCAB_SPACE.get(name, name), root / "vocabularies" / f"{name}.yml"
        if not path.exists():
            continue  # already reported as a missing file
        defined = state.ids.get(space, {})
        missing = [f"{i} ({', '.join(codes)})" for i, codes in sorted(ids.items()) if i not in defined]
        if missing:
            state.problems.append(
                Problem(
                    state.site.display(path),
                    1,
                    "id",
                    f"ids the checker's rules rely on are missing (rules in brackets): {', '.join(missing)}",
                )
            )


def _resolve(state: _Loading) -> None:
    """Every reference must name a defined id; a target may also be an ISO 3166-2 code of a known country."""
    countries = state.ids.get("country", {})
    for ref in state.refs:
        if ref.space == "step":
            if ref.value not in STEPS:
                state.problems.append(
                    Problem(ref.file, ref.line, ref.field, f"unknown step id {ref.value!r} (steps: {', '.join(STEPS)})")
                )
            continue
        if ref.space == "target":
            match = SUBDIVISION.match(ref.value)
            code = match.group(1) if match else ref.value
            if code not in countries:
                state.problems.append(
                    Problem(
                        ref.file,
                        ref.line,
                        ref.field,
                        f"unknown country code {ref.value!r} (not in reference/countries.yml)",
                    )
                )
            continue
        if ref.space in state.missing_spaces:
            continue
        if ref.value not in state.ids.get(ref.space, {}):
            noun = {
                "source": "source id",
                "country": "country code",
                "control": "control-entry id",
                "case": "case-study id",
            }.get(ref.space, f"{ref.space.replace('_', ' ')} id")
            where = {
                "source": "sources.yml",
                "country": "reference/countries.yml",
                "control": "reference/control_entries.yml",
                "case": "content/case_studies/",
            }.get(ref.space, "vocabularies/")
            state.problems.append(
                Problem(ref.file, ref.line, ref.field, f"unknown {noun} {ref.value!r} (not defined in {where})")
            )


def _check_source(state: _Loading, display: str, source: MarkedDict, prefix: str) -> None:
    """A source names a document (not a home page) or gives an offline citation, and was not read in the future."""
    for field_name, message in source_problems(source):
        state.problems.append(Problem(display, source.line_of(field_name), prefix + field_name, message))
    _not_future(state, display, source, "accessed", prefix)


def _not_future(state: _Loading, display: str, record: MarkedDict, field_name: str, prefix: str) -> None:
    when = parse_date(record.get(field_name))
    if when is not None and when > dt.date.today():
        state.problems.append(
            Problem(display, record.line_of(field_name), prefix + field_name, f"{record[field_name]} is in the future")
        )


def _check_provenance(state: _Loading) -> None:
    """Every confirmed fact rests on a primary source or two independent reputable ones (ARCHITECTURE.md)."""
    sources = {s.get("id"): s for s in state.site.sources}
    for display, record, prefix in state.facts:
        _not_future(state, display, record, "verified_on", prefix)
        if record.get("confidence") != "confirmed":
            continue
        cited = [sources[i] for i in record.get("sources") or [] if isinstance(i, str) and i in sources]
        if not cited:
            continue  # the dangling ids are already reported
        problem = confirmed_problem(cited)
        if problem:
            state.problems.append(Problem(display, record.line_of("confidence"), prefix + "confidence", problem))

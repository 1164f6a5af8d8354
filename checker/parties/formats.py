"""Importers for the sanctions-list formats that publishers and aggregators actually use (stdlib csv / xml.etree).

Each importer reads one file and returns `ImportedList`: the entries (names and aliases, type, programmes,
countries) plus what the file says about itself (its date). A malformed file raises `ListFormatError` naming the
file, the line (or XML element) and the problem; nothing is silently skipped.

Formats (the `FORMAT` argument of `dealcheck lists import`):

* `ofac-sdn-csv`: OFAC `sdn.csv` (no header; ent_num, name, type, programme, title, call sign, vessel type,
  tonnage, GRT, vessel flag, vessel owner, remarks; "-0-" means empty; aliases as `a.k.a. 'NAME'` in remarks).
* `uk-csv`: the UK Sanctions List CSV (FCDO) and the older OFSI consolidated list CSV: a preamble line with the
  report date, then a header with "Name 6" (surname or entity name), "Name 1".."Name 5", the name type (primary or
  alias), regime and designation date; one row per name, rows of one party share a "Unique ID" / "Group ID".
* `eu-xml`: the EU consolidated list of persons, groups and entities subject to financial sanctions (FSF XML,
  `<export generationDate=...><sanctionEntity>`, `<nameAlias wholeName=...>`).
* `eu-csv`: the same list as semicolon-separated CSV (`Entity_LogicalId`, `NameAlias_WholeName`, ...).
* `un-xml`: the UN Security Council consolidated list XML (`<CONSOLIDATED_LIST dateGenerated=...>`, `INDIVIDUAL` /
  `ENTITY`, `FIRST_NAME`..`FOURTH_NAME`, `*_ALIAS/ALIAS_NAME`, `UN_LIST_TYPE`, `LISTED_ON`).
* `opensanctions-csv`: OpenSanctions `targets.simple.csv` (header `id,schema,name,aliases,...,countries,...,
  sanctions,...,dataset,first_seen,last_seen,...`; multiple values separated by `;`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.parties.entries import Entry

csv.field_size_limit(10_000_000)
MAX_NAME_CHARS = 1_000  # the longest name on the OFAC, UK, EU and UN lists is a few hundred characters


class ListFormatError(ValueError):
    """A list file that cannot be imported: says which file, where, and what is wrong."""

    def __init__(self, path: str, where: str, problem: str):
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{path}: {where}: {problem}" if where else f"{path}: {problem}")


@dataclass
class ImportedList:
    format: str
    path: str
    date: str | None  # the list's own date (generation / report date), ISO
    entries: list[Entry] = field(default_factory=list)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFormatError(str(path), "", f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ListFormatError(str(path), "", "the file is empty")
    if b"\x00" in data[:4096]:
        raise ListFormatError(str(path), "", "this is a binary file, not a CSV or XML list")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _clean(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value in ("-0-", "-0- ") else " ".join(value.split())


def _uniq(values: Iterator[str] | list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = _clean(v)
        if v and v not in out:
            out.append(v)
    return tuple(out)


def _iso(value: str, path: str, where: str) -> str | None:
    """Dates as publishers write them: 2024-05-03, 03/05/2024 (UK, day first), 03-May-2024, 3 May 2024."""
    value = _clean(value)
    if not value:
        return None
    value = value.split("T")[0]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%m/%d/%Y", "%Y"):
        try:
            parsed = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        return str(parsed.year) if fmt == "%Y" else parsed.isoformat()
    raise ListFormatError(path, where, f"unreadable date {value!r} (expected YYYY-MM-DD or DD/MM/YYYY)")


# OFAC SDN ---------------------------------------------------------------------------------------
_AKA = re.compile(r"\b(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+?)'(?=[;.,]?\s|[;.,]?$)")
_NATIONALITY = re.compile(
    r"\b(?:nationality|citizen|alt\. nationality|alt\. citizen)\s+([A-Z][A-Za-z .'-]+?)(?:;|\.$|$)"
)
_SDN_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}


def read_ofac_sdn_csv(path: Path, *, date: str | None = None) -> ImportedList:
    text = _read_text(path)
    entries: list[Entry] = []
    seen: set[str] = set()
    reader = csv.reader(io.StringIO(text.replace("\x1a", "")))
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != 12:
                raise ListFormatError(
                    str(path), f"line {line}", f"expected 12 fields (OFAC sdn.csv has no header), found {len(row)}"
                )
            ent_num, name, kind = row[0].strip(), _clean(row[1]), _clean(row[2]).lower()
            if not ent_num.isdigit():
                raise ListFormatError(str(path), f"line {line}", f"ent_num {ent_num!r} is not a number")
            if not name:
                raise ListFormatError(str(path), f"line {line}", f"entry {ent_num} has no name")
            if kind not in _SDN_TYPES:
                raise ListFormatError(
                    str(path), f"line {line}", f"unknown type {kind!r} (individual, vessel, aircraft or -0-)"
                )
            if ent_num in seen:
                raise ListFormatError(str(path), f"line {line}", f"ent_num {ent_num} appears twice")
            seen.add(ent_num)
            remarks = _clean(row[11])
            aliases = [m.group(1) for m in _AKA.finditer(remarks)]
            programs = _uniq(p.strip(" []") for p in _clean(row[3]).split("] ["))
            countries = _uniq(m.group(1).strip() for m in _NATIONALITY.finditer(remarks))
            entries.append(
                Entry(
                    list_id="",
                    id=ent_num,
                    type=_SDN_TYPES[kind],
                    names=_uniq(
                        [name, *aliases]
                    ),  # 'DILIAN, Tal Jonathan' as published: the matcher ignores word order
                    programs=programs,
                    countries=countries,
                )
            )
    except csv.Error as exc:
        raise ListFormatError(str(path), f"line {reader.line_num}", f"CSV syntax error: {exc}") from exc
    if not entries:
        raise ListFormatError(str(path), "", "no entries found")
    return ImportedList("ofac-sdn-csv", str(path), date, entries)


# UK ---------------------------------------------------------------------------------------------
def _header_index(header: list[str]) -> dict[str, int]:
    return {h.strip().lower(): i for i, h in enumerate(header)}


def _pick(index: dict[str, int], *names: str) -> int | None:
    for n in names:
        if n.lower() in index:
            return index[n.lower()]
    return None


def _uk_header(rows: list[list[str]], path: Path, date: str | None) -> tuple[int, str | None]:
    """(index of the header row, list date): the header is the first of 10 lines with a 'Name 6' column; a
    'Report date' / 'Last updated' line above it dates the list unless a date was given."""
    list_date = date
    for i, row in enumerate(rows[:10]):
        if "name 6" in [c.strip().lower() for c in row]:
            return i, list_date
        joined = " ".join(c for c in row if c).strip()
        m = re.search(r"(?:report date|last updated)[:,\s]*(.+)$", joined, re.I)
        if m and not list_date:
            list_date = _iso(m.group(1).strip(), str(path), f"line {i + 1}")
    raise ListFormatError(str(path), "", "no header row with a 'Name 6' column in the first 10 lines")


def read_uk_csv(path: Path, *, date: str | None = None) -> ImportedList:
    text = _read_text(path)
    rows = list(csv.reader(io.StringIO(text)))
    header_at, list_date = _uk_header(rows, path, date)
    idx = _header_index(rows[header_at])
    col_id = _pick(idx, "Unique ID", "Group ID", "OFSI Group ID")
    col_type = _pick(idx, "Designation Type", "Group Type", "Individual, Entity, Ship")
    col_name_type = _pick(idx, "Name type", "Alias Type")
    col_regime = _pick(idx, "Regime Name", "Regime")
    col_listed = _pick(idx, "Date Designated", "Listed On", "UK Sanctions List Date Designated")
    col_country = _pick(idx, "Nationality(/ies)", "Nationality", "Address Country", "Country")
    col_nonlatin = _pick(idx, "Name non-latin script", "Name Non-Latin Script")
    name_cols = [_pick(idx, f"Name {k}") for k in (1, 2, 3, 4, 5, 6)]
    if col_id is None:
        raise ListFormatError(str(path), f"line {header_at + 1}", "no 'Unique ID' or 'Group ID' column")
    groups: dict[str, dict[str, Any]] = {}
    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < len(rows[header_at]) - 5:
            raise ListFormatError(
                str(path), f"line {offset}", f"{len(row)} fields, the header has {len(rows[header_at])}"
            )

        def cell(col: int | None, row: list[str] = row) -> str:
            return _clean(row[col]) if col is not None and col < len(row) else ""

        gid = cell(col_id)
        if not gid:
            raise ListFormatError(str(path), f"line {offset}", "row without a Unique ID / Group ID")
        name = " ".join(p for p in (cell(c) for c in name_cols) if p)
        if not name:
            raise ListFormatError(str(path), f"line {offset}", f"row of {gid} has no name (Name 1-6 empty)")
        group = groups.setdefault(
            gid, {"names": [], "primary": None, "type": "", "programs": [], "countries": [], "listed": None}
        )
        if cell(col_name_type).lower().startswith("primary name") and group["primary"] is None:
            group["primary"] = name
        group["names"].append(name)
        if cell(col_nonlatin):
            group["names"].append(cell(col_nonlatin))
        group["type"] = group["type"] or cell(col_type).lower()
        if cell(col_regime):
            group["programs"].append(cell(col_regime))
        if cell(col_country):
            group["countries"].extend(c.strip() for c in re.split(r"[;,]|\(\d+\)", cell(col_country)) if c.strip())
        listed = _iso(cell(col_listed), str(path), f"line {offset}") if cell(col_listed) else None
        if listed and (group["listed"] is None or listed < group["listed"]):
            group["listed"] = listed
    entries = []
    for gid, g in groups.items():
        names = [g["primary"]] + g["names"] if g["primary"] else g["names"]
        kind = {"individual": "individual", "entity": "entity", "ship": "vessel"}.get(g["type"], g["type"] or "entity")
        entries.append(
            Entry("", gid, kind, _uniq(names), _uniq(g["programs"]), _uniq(g["countries"]), listed=g["listed"])
        )
    if not entries:
        raise ListFormatError(str(path), "", "no entries found")
    return ImportedList("uk-csv", str(path), list_date, entries)


# EU ---------------------------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_xml(path: Path) -> ET.Element:
    text = _read_text(path)
    try:
        return ET.fromstring(text.encode("utf-8") if text.lstrip().startswith("<?xml") else text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ListFormatError(str(path), f"line {line}, column {column}", f"XML syntax error: {exc}") from exc


def read_eu_xml(path: Path, *, date: str | None = None) -> ImportedList:
    root = _parse_xml(path)
    if _local(root.tag) != "export":
        raise ListFormatError(str(path), "root element", f"<{_local(root.tag)}> is not the EU FSF <export>")
    list_date = date or _iso(root.get("generationDate", ""), str(path), "generationDate")
    entries = []
    for n, ent in enumerate((e for e in root if _local(e.tag) == "sanctionEntity"), start=1):
        where = f"sanctionEntity #{n} (logicalId {ent.get('logicalId', '?')})"
        names, programs, countries = [], [], []
        kind = "entity"
        listed = None
        for child in ent:
            tag = _local(child.tag)
            if tag == "nameAlias":
                whole = child.get("wholeName") or " ".join(
                    p for p in (child.get("firstName"), child.get("middleName"), child.get("lastName")) if p
                )
                if whole:
                    names.append(whole)
            elif tag == "subjectType":
                kind = {"person": "individual", "enterprise": "entity"}.get(child.get("code", ""), "entity")
            elif tag == "regulation":
                if child.get("programme"):
                    programs.append(child.get("programme", ""))
                pub = child.get("publicationDate")
                if pub:
                    iso = _iso(pub, str(path), where)
                    listed = iso if listed is None or (iso and iso < listed) else listed
            elif tag in ("citizenship", "address") and child.get("countryDescription"):
                countries.append(child.get("countryDescription", "").title())
        if not names:
            raise ListFormatError(str(path), where, "no <nameAlias> with a name")
        ident = ent.get("euReferenceNumber") or ent.get("logicalId")
        if not ident:
            raise ListFormatError(str(path), where, "no euReferenceNumber or logicalId")
        entries.append(Entry("", ident, kind, _uniq(names), _uniq(programs), _uniq(countries), listed=listed))
    if not entries:
        raise ListFormatError(str(path), "", "no <sanctionEntity> elements")
    return ImportedList("eu-xml", str(path), list_date, entries)


def _eu_entry(lid: str, g: dict[str, Any], path: Path) -> Entry:
    """One entry from the rows of one Entity_LogicalId (the EU file repeats the entity on every name row)."""
    if not g["names"]:
        raise ListFormatError(str(path), f"Entity_LogicalId {lid}", "no NameAlias_WholeName on any row")
    kind = "individual" if g["type"] in ("person", "p") else "entity"
    return Entry("", g["ref"] or lid, kind, _uniq(g["names"]), _uniq(g["programs"]), _uniq(g["countries"]), g["pub"])


def read_eu_csv(path: Path, *, date: str | None = None) -> ImportedList:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text), delimiter=";")
    try:
        header = next(reader)
    except StopIteration:
        raise ListFormatError(str(path), "", "the file is empty") from None
    idx = _header_index(header)
    col_id = _pick(idx, "Entity_LogicalId")
    col_ref = _pick(idx, "Entity_EU_ReferenceNumber")
    col_name = _pick(idx, "NameAlias_WholeName")
    col_type = _pick(idx, "Entity_SubjectType", "Entity_SubjectType_ClassificationCode")
    col_prog = _pick(idx, "Entity_Regulation_Programme")
    col_pub = _pick(idx, "Entity_Regulation_PublicationDate")
    col_gen = _pick(idx, "fileGenerationDate")
    col_country = _pick(idx, "Citizenship_CountryDescription", "Address_CountryDescription")
    if col_id is None or col_name is None:
        raise ListFormatError(str(path), "line 1", "not the EU CSV: no Entity_LogicalId / NameAlias_WholeName columns")
    groups: dict[str, dict[str, Any]] = {}
    list_date = date
    try:
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) <= max(col_id, col_name):
                raise ListFormatError(str(path), f"line {line}", f"{len(row)} fields, the header has {len(header)}")

            def cell(col: int | None, row: list[str] = row) -> str:
                return _clean(row[col]) if col is not None and col < len(row) else ""

            lid = cell(col_id)
            if not lid:
                raise ListFormatError(str(path), f"line {line}", "row without Entity_LogicalId")
            g = groups.setdefault(
                lid, {"ref": "", "names": [], "type": "", "programs": [], "countries": [], "pub": None}
            )
            g["ref"] = g["ref"] or cell(col_ref)
            if cell(col_name):
                g["names"].append(cell(col_name))
            g["type"] = g["type"] or cell(col_type).lower()
            if cell(col_prog):
                g["programs"].append(cell(col_prog))
            if cell(col_country):
                g["countries"].append(cell(col_country).title())
            if cell(col_pub):
                pub = _iso(cell(col_pub), str(path), f"line {line}")
                g["pub"] = pub if g["pub"] is None or (pub and pub < g["pub"]) else g["pub"]
            if not list_date and cell(col_gen):
                list_date = _iso(cell(col_gen), str(path), f"line {line}")
    except csv.Error as exc:
        raise ListFormatError(str(path), f"line {reader.line_num}", f"CSV syntax error: {exc}") from exc
    entries = [_eu_entry(lid, g, path) for lid, g in groups.items()]
    if not entries:
        raise ListFormatError(str(path), "", "no entries found")
    return ImportedList("eu-csv", str(path), list_date, entries)


# UN ---------------------------------------------------------------------------------------------
def read_un_xml(path: Path, *, date: str | None = None) -> ImportedList:
    root = _parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(str(path), "root element", f"<{root.tag}> is not the UN <CONSOLIDATED_LIST>")
    list_date = date or _iso(root.get("dateGenerated", ""), str(path), "dateGenerated")
    entries = []
    for group_tag, item_tag, kind in (("INDIVIDUALS", "INDIVIDUAL", "individual"), ("ENTITIES", "ENTITY", "entity")):
        for group in root.findall(group_tag):
            for n, item in enumerate(group.findall(item_tag), start=1):
                ref = _clean(item.findtext("REFERENCE_NUMBER")) or _clean(item.findtext("DATAID"))
                where = f"<{item_tag}> #{n} ({ref or 'no reference number'})"
                if not ref:
                    raise ListFormatError(str(path), where, "no REFERENCE_NUMBER or DATAID")
                primary = " ".join(
                    p
                    for p in (
                        _clean(item.findtext(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
                    )
                    if p
                )
                if not primary:
                    raise ListFormatError(str(path), where, "no FIRST_NAME")
                names = [primary]
                if _clean(item.findtext("NAME_ORIGINAL_SCRIPT")):
                    names.append(_clean(item.findtext("NAME_ORIGINAL_SCRIPT")))
                names.extend(
                    _clean(alias.findtext("ALIAS_NAME"))
                    for alias in item.findall(f"{item_tag}_ALIAS")
                    if _clean(alias.findtext("ALIAS_NAME"))
                )
                countries = [_clean(v.text) for v in item.findall("NATIONALITY/VALUE")]
                countries += [_clean(v.text) for v in item.findall(f"{item_tag}_ADDRESS/COUNTRY")]
                listed = _iso(item.findtext("LISTED_ON") or "", str(path), where)
                entries.append(
                    Entry(
                        "",
                        ref,
                        kind,
                        _uniq(names),
                        _uniq([item.findtext("UN_LIST_TYPE") or ""]),
                        _uniq(countries),
                        listed,
                    )
                )
    if not entries:
        raise ListFormatError(str(path), "", "no <INDIVIDUAL> or <ENTITY> elements")
    return ImportedList("un-xml", str(path), list_date, entries)


# OpenSanctions ----------------------------------------------------------------------------------
_OS_TYPES = {"person": "individual", "vessel": "vessel", "airplane": "aircraft"}


def read_opensanctions_csv(path: Path, *, date: str | None = None) -> ImportedList:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ListFormatError(str(path), "", "the file is empty") from None
    idx = _header_index(header)
    need = ("id", "schema", "name")
    missing = [n for n in need if n not in idx]
    if missing:
        raise ListFormatError(str(path), "line 1", f"not targets.simple.csv: missing column(s) {', '.join(missing)}")
    entries = []
    latest = None
    try:
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise ListFormatError(str(path), f"line {line}", f"{len(row)} fields, the header has {len(header)}")
            rec = {h: row[i] for h, i in idx.items()}
            if not rec["id"].strip() or not rec["name"].strip():
                raise ListFormatError(str(path), f"line {line}", "row without id or name")
            names = [rec["name"], *rec.get("aliases", "").split(";")]
            first = _iso(rec.get("first_seen", ""), str(path), f"line {line}") if rec.get("first_seen") else None
            last = _iso(rec.get("last_seen", ""), str(path), f"line {line}") if rec.get("last_seen") else None
            latest = max(latest or "", last or "") or None
            programs = [p for p in rec.get("sanctions", "").split(";")] or []
            entries.append(
                Entry(
                    "",
                    rec["id"].strip(),
                    _OS_TYPES.get(rec["schema"].strip().lower(), "entity"),
                    _uniq(names),
                    _uniq(programs),
                    _uniq(c.upper() for c in rec.get("countries", "").split(";")),
                    listed=first,
                    extra={"datasets": rec.get("dataset", "")} if rec.get("dataset") else {},
                )
            )
    except csv.Error as exc:
        raise ListFormatError(str(path), f"line {reader.line_num}", f"CSV syntax error: {exc}") from exc
    if not entries:
        raise ListFormatError(str(path), "", "no entries found")
    return ImportedList("opensanctions-csv", str(path), date or latest, entries)


READERS: dict[str, Callable[..., ImportedList]] = {
    "ofac-sdn-csv": read_ofac_sdn_csv,
    "uk-csv": read_uk_csv,
    "eu-xml": read_eu_xml,
    "eu-csv": read_eu_csv,
    "un-xml": read_un_xml,
    "opensanctions-csv": read_opensanctions_csv,
}


def read_list(fmt: str, path: str | Path, *, date: str | None = None) -> ImportedList:
    """Import one list file in one of READERS' formats."""
    reader = READERS.get(fmt)
    if reader is None:
        raise ValueError(f"unknown list format {fmt!r}; one of: {', '.join(READERS)}")
    if date is not None:
        date = _iso(date, str(path), "--date")
    imported = reader(Path(path), date=date)
    for entry in imported.entries:
        for name in entry.names:
            if len(name) > MAX_NAME_CHARS:
                raise ListFormatError(
                    str(path),
                    f"entry {entry.id}",
                    f"a name is {len(name):,} characters long; the limit is {MAX_NAME_CHARS:,} (is a column shifted?)",
                )
    return imported

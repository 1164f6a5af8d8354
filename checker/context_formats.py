"""Readers for the published indicator files behind the destination context (stdlib csv only).

Each reader parses one file and returns its values as `Reading`s keyed by our ISO alpha-2 codes. A malformed file
raises `ContextFormatError` naming the file, the line and the problem; nothing is silently skipped, and a value is
never changed (the reader keeps the published number and the year the file gives).

Formats (the `FORMAT` argument of `dealcheck context import`, and `format:` in site_data/context/indicators.yml):

* `wgi-csv`: the World Bank Worldwide Governance Indicators data file (`wgidataset.xlsx` of the 2024 update, saved
  as CSV, or the same rows as published): header `codeindyr,code,countryname,year,indicator,estimate,stddev,
  nsource,pctrank,pctranklower,pctrankupper`, one row per economy, year and indicator (`va`, `pv`, `ge`, `rq`,
  `rl`, `cc`); `..` means no data. Economies are World Bank three-letter codes (ISO 3166-1 alpha-3 except a few,
  mapped by the dataset's `code_overrides`).
* `fotn-csv`: Freedom House *Freedom on the Net* scores saved as CSV, one row per country and edition. Columns are
  found by header name, case-insensitively: country (`Country` or `Country/Territory`), edition year (`Edition`
  or `Year`), total score (`Total Score`, `Total` or `FOTN Score`, 0-100) and optionally `Status` (`Free`,
  `Partly Free`, `Not Free`, which must agree with the total). Countries are matched by name to our country list.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

WGI_HEADER = (
    "codeindyr",
    "code",
    "countryname",
    "year",
    "indicator",
    "estimate",
    "stddev",
    "nsource",
    "pctrank",
    "pctranklower",
    "pctrankupper",
)
WGI_INDICATORS = ("va", "pv", "ge", "rq", "rl", "cc")
FOTN_STATUS = {"free": (70, 100), "partly free": (40, 69), "not free": (0, 39)}
MAX_BYTES = 50_000_000


class ContextFormatError(ValueError):
    """An indicator file that cannot be read: says which file, where, and what is wrong."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


@dataclass(frozen=True)
class Reading:
    """One published value: country (alpha-2), indicator code, year, value, and its percentile rank if given."""

    country: str
    indicator: str
    year: int
    value: float | None  # None: the dataset covers the country but has no value ("..")
    rank: float | None = None
    line: int = 0
    name: str = ""  # the country's name as the file spells it


@dataclass(frozen=True)
class CountryCodes:
    """What readers need to map a file's country keys to our alpha-2 codes."""

    alpha3: Mapping[str, str]  # alpha-3 -> alpha-2
    names: Mapping[str, str]  # lower-case name or alias -> alpha-2

    def by_name(self, name: str) -> str | None:
        return self.names.get(_name_key(name))


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def country_codes(codes: Iterable[Mapping[str, str]], countries: Iterable[Mapping[str, str]]) -> CountryCodes:
    """Build the lookup from the bundle's `country_codes` and `countries` (name, official name)."""
    names: dict[str, str] = {}
    for country in countries:
        for key in ("name", "official_name"):
            if country.get(key):
                names.setdefault(_name_key(str(country[key])), str(country["code"]))
    for alias, code in NAME_ALIASES.items():
        names.setdefault(_name_key(alias), code)
    return CountryCodes(alpha3={str(c["alpha3"]): str(c["alpha2"]) for c in codes}, names=names)


# Names publishers use that are neither our short name nor the ISO official name.
NAME_ALIASES = {
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "Iran": "IR",
    "Syria": "SY",
    "Vietnam": "VN",
    "Venezuela": "VE",
    "Bolivia": "BO",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Laos": "LA",
    "The Gambia": "GM",
    "Gambia": "GM",
    "Kyrgyzstan": "KG",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Myanmar": "MM",
    "Taiwan": "TW",
    "United States": "US",
    "United Kingdom": "GB",
    "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI",
    "Democratic Republic of the Congo": "CD",
    "Congo, Dem. Rep.": "CD",
    "Egypt, Arab Rep.": "EG",
}


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ContextFormatError(str(path), None, f"file is larger than {MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ContextFormatError(str(path), None, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContextFormatError(str(path), line, "not UTF-8 text (save the spreadsheet as CSV UTF-8)") from exc


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
            else:
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ContextFormatError(str(path), reader.line_num, f"not valid CSV ({exc})") from exc
    if header is None:
        raise ContextFormatError(str(path), None, "the file is empty")
    return header, rows


def _number(path: Path, line: int, field: str, text: str) -> float | None:
    text = text.strip()
    if text in ("..", ""):
        return None
    try:
        return float(text)
    except ValueError:
        raise ContextFormatError(str(path), line, f"{field}: {text!r} is not a number or '..'") from None


def _wgi_row_year(path: Path, line: int, row: list[str]) -> int:
    """The year of one WGI data row, once its shape, indicator and row key are checked."""
    if len(row) != len(WGI_HEADER):
        raise ContextFormatError(str(path), line, f"expected {len(WGI_HEADER)} columns, found {len(row)}")
    indicator = row[4].strip()
    if indicator not in WGI_INDICATORS:
        raise ContextFormatError(str(path), line, f"indicator: {indicator!r} is not one of {WGI_INDICATORS}")
    try:
        row_year = int(row[3])
    except ValueError:
        raise ContextFormatError(str(path), line, f"year: {row[3]!r} is not a year") from None
    if not 1996 <= row_year <= 2100:
        raise ContextFormatError(str(path), line, f"year: {row_year} is outside 1996-2100")
    if row[0].strip() != f"{row[1].strip()}{indicator}{row_year}":
        raise ContextFormatError(str(path), line, f"codeindyr: {row[0]!r} does not match code, indicator, year")
    return row_year


def read_wgi_csv(
    path: Path,
    codes: CountryCodes,
    *,
    indicators: Iterable[str] = ("va", "rl"),
    year: int | None = None,
    overrides: Mapping[str, str] | None = None,
    ignore: Iterable[str] = ("KSV", "ANT"),
) -> list[Reading]:
    """WGI rows of the wanted indicators for one year (default: the latest year in the file)."""
    header, rows = _rows(path)
    if tuple(h.lower() for h in header) != WGI_HEADER:
        raise ContextFormatError(str(path), 1, f"header is not the WGI data file's ({','.join(WGI_HEADER)})")
    wanted = set(indicators)
    unknown = wanted - set(WGI_INDICATORS)
    if unknown:
        raise ContextFormatError(str(path), None, f"unknown WGI indicator(s) {sorted(unknown)}")
    overrides = dict(overrides or {})
    skip = set(ignore)
    parsed = [(line, row, _wgi_row_year(path, line, row)) for line, row in rows]
    if not parsed:
        raise ContextFormatError(str(path), None, "no data rows")
    target = year if year is not None else max(y for _, _, y in parsed)
    readings: list[Reading] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row, row_year in parsed:
        indicator = row[4].strip()
        if row_year != target or indicator not in wanted:
            continue
        wb_code = row[1].strip()
        if wb_code in skip:
            continue
        country = overrides.get(wb_code) or codes.alpha3.get(wb_code)
        if country is None:
            raise ContextFormatError(
                str(path), line, f"code: {wb_code!r} is not an ISO 3166-1 alpha-3 code we know (add an override)"
            )
        key = (country, indicator)
        if key in seen:
            raise ContextFormatError(str(path), line, f"{country} {indicator} {target} repeats line {seen[key]}")
        seen[key] = line
        value = _number(path, line, "estimate", row[5])
        rank = _number(path, line, "pctrank", row[8])
        if value is not None and not -5 <= value <= 5:
            raise ContextFormatError(str(path), line, f"estimate: {value} is outside the WGI range")
        if rank is not None and not 0 <= rank <= 100:
            raise ContextFormatError(str(path), line, f"pctrank: {rank} is outside 0-100")
        readings.append(Reading(country, indicator, target, value, rank, line, row[2].strip()))
    if not readings:
        raise ContextFormatError(str(path), None, f"no rows for indicators {sorted(wanted)} in {target}")
    return readings


def _required_column(path: Path, header: list[str], names: tuple[str, ...]) -> int:
    """Index of the first of names in the header (case-insensitive); a clear error when none is there."""
    index = _column(path, header, names, required=True)
    assert index is not None  # _column raises when a required column is missing
    return index


def _column(path: Path, header: list[str], names: tuple[str, ...], required: bool = True) -> int | None:
    lowered = [h.casefold() for h in header]
    for name in names:
        if name.casefold() in lowered:
            return lowered.index(name.casefold())
    if required:
        raise ContextFormatError(str(path), 1, f"no {' / '.join(repr(n) for n in names)} column in the header")
    return None


def read_fotn_csv(path: Path, codes: CountryCodes, *, year: int | None = None, **_: object) -> list[Reading]:
    """Freedom on the Net total scores, one per country (the latest edition in the file unless `year` is given)."""
    header, rows = _rows(path)
    c_country = _required_column(path, header, ("Country", "Country/Territory"))
    c_total = _required_column(path, header, ("Total Score", "Total", "FOTN Score"))
    c_year = _column(path, header, ("Edition", "Year"), required=year is None)
    c_status = _column(path, header, ("Status",), required=False)
    parsed: list[Reading] = []
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        if len(cells) < len(header):
            raise ContextFormatError(str(path), line, f"expected {len(header)} columns, found {len(cells)}")
        name = cells[c_country]
        country = codes.by_name(name)
        if country is None:
            raise ContextFormatError(str(path), line, f"country: {name!r} is not a country name we know")
        if c_year is not None:
            try:
                row_year = int(cells[c_year])
            except ValueError:
                raise ContextFormatError(str(path), line, f"edition: {cells[c_year]!r} is not a year") from None
        else:
            assert year is not None  # the edition column is optional only when a year is given
            row_year = year
        total = _number(path, line, "total score", cells[c_total])
        if total is not None and (not 0 <= total <= 100 or total != int(total)):
            raise ContextFormatError(str(path), line, f"total score: {cells[c_total]!r} is not a whole number 0-100")
        if c_status is not None and total is not None and cells[c_status]:
            band = FOTN_STATUS.get(cells[c_status].casefold())
            if band is None:
                raise ContextFormatError(
                    str(path), line, f"status: {cells[c_status]!r} is not Free, Partly Free or Not Free"
                )
            if not band[0] <= total <= band[1]:
                raise ContextFormatError(
                    str(path), line, f"status: {cells[c_status]!r} does not agree with the total score {int(total)}"
                )
        parsed.append(Reading(country, "total", row_year, total, None, line, name))
    if not parsed:
        raise ContextFormatError(str(path), None, "no data rows")
    target = year if year is not None else max(r.year for r in parsed)
    readings = [r for r in parsed if r.year == target]
    seen: dict[str, int] = {}
    for reading in readings:
        if reading.country in seen:
            raise ContextFormatError(
                str(path), reading.line, f"{reading.country} appears twice for {target} (line {seen[reading.country]})"
            )
        seen[reading.country] = reading.line
    return readings


READERS: dict[str, Callable[..., list[Reading]]] = {"wgi-csv": read_wgi_csv, "fotn-csv": read_fotn_csv}

# What an imported dataset of each format looks like (a host can edit thresholds afterwards; the methodology page
# documents the defaults).
FORMAT_DEFAULTS: dict[str, dict[str, object]] = {
    "wgi-csv": {
        "title": "Worldwide Governance Indicators",
        "publisher": "World Bank (D. Kaufmann and A. Kraay)",
        "licence": "CC BY 4.0",
        "redistribution": True,
        "indicators": [
            {
                "id": "wgi_va",
                "code": "va",
                "label": "Voice and Accountability",
                "scale": "estimate from about -2.5 (weak) to 2.5 (strong); percentile rank 0-100",
                "repression_at_or_below": -1.0,
                "strong_at_or_above": 1.0,
            },
            {
                "id": "wgi_rl",
                "code": "rl",
                "label": "Rule of Law",
                "scale": "estimate from about -2.5 (weak) to 2.5 (strong); percentile rank 0-100",
                "strong_at_or_above": 1.0,
            },
        ],
    },
    "fotn-csv": {
        "title": "Freedom on the Net",
        "publisher": "Freedom House",
        "licence": "Freedom House terms of use (not an open licence; imported by the host, not shipped)",
        "redistribution": False,
        "indicators": [
            {
                "id": "fotn_total",
                "code": "total",
                "label": "Internet freedom score",
                "scale": "0 (least free) to 100 (most free); Not Free 0-39, Partly Free 40-69, Free 70-100",
                "repression_at_or_below": 39,
                "strong_at_or_above": 70,
                "decimals": 0,
            }
        ],
    },
}

"""Bad deals get every problem at once, each with its path and a fix hint; unknown is not an error."""

from __future__ import annotations

import pytest

from checker.dealfile import decode_bytes, parse_text
from checker.engine import screen_raw
from checker.errors import DealError


def problems(raw: object) -> list[str]:
    with pytest.raises(DealError) as info:
        screen_raw(raw, on="2026-11-29")
    return [str(p) for p in info.value.problems]


def test_misspelt_end_user_type_suggests_the_right_one() -> None:
    found = problems({"end_user": {"type": "goverment"}})
    assert any(
        p.startswith("end_user.type: 'goverment' is not a known end-user type; did you mean 'government") for p in found
    ), found


def test_all_problems_are_reported_together_with_paths() -> None:
    found = problems(
        {
            "product": {"capabilities": ["remote_intrusion", "telepathy"], "mass_market": "maybe"},
            "destination": {"country": "Egypt"},
            "intermediaries": [{"name": "X", "role": "distributer", "country": "ZZ"}, "just text"],
            "surprise": 1,
        }
    )
    joined = "\n".join(found)
    assert "product.capabilities[1]: 'telepathy' is not a known capability" in joined
    assert "product.mass_market: must be true or false" in joined
    assert "destination.country: 'Egypt' is a country name, not a code; write 'EG'" in joined
    assert (
        "intermediaries[0].role: 'distributer' is not a known intermediary role; did you mean 'distributor'?" in joined
    )
    assert "intermediaries[0].country: 'ZZ' is not an ISO 3166-1 alpha-2 country code" in joined
    assert "intermediaries[1]: must be a mapping" in joined
    assert "surprise: is not a known field" in joined
    assert len(found) == 7


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, "the deal is empty"),
        ([1, 2], "a deal must be a mapping of fields, not a list"),
        ({"product": "FinSpy"}, "product: must be a mapping of fields, not text"),
        ({"product": {"name": {"a": 1}}}, "product.name: must be text, not a mapping"),
        ({"end_user": {"name": "x" * 2001}}, "end_user.name: is 2001 characters long"),
        ({"services": 3}, "services: must be a list, not a number"),
        ({"schema_version": 3}, "schema_version: 3 is not supported"),
        ({"destination": {"country": 44}}, "destination.country: must be an ISO 3166-1 alpha-2 code, not a number"),
    ],
)
def test_wrong_types_are_named(raw: object, expected: str) -> None:
    assert any(expected in p for p in problems(raw)), problems(raw)


def test_codes_are_normalised_not_rejected() -> None:
    result = screen_raw(
        {
            "destination": {"country": "eg"},
            "product": {"capabilities": ["Remote Intrusion"], "control_entries": ["4d004"]},
        },
        on="2026-11-29",
    )
    assert result.deal["destination"]["country"] == "EG"
    assert result.deal["product"]["capabilities"] == ["remote_intrusion"]
    assert result.deal["product"]["control_entries"] == ["4D004"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"# only a comment\n", "is empty"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"\xff\xfe\xfa junk", "not UTF-8 text"),
        (b"{not json", "not valid JSON"),
        (b"product:\n  name: [unclosed\n", "not valid YAML"),
        (b"product:\n\tname: tab\n", "not valid YAML"),
    ],
)
def test_malformed_files_are_input_errors(data: bytes, expected: str) -> None:
    with pytest.raises(DealError) as info:
        parse_text(decode_bytes(data, "deal.yml"), "deal.yml")
    assert expected in str(info.value)


def test_yaml_and_json_give_the_same_deal() -> None:
    yaml_text = "destination:\n  country: EG\nproduct:\n  capabilities: [remote_intrusion]\n"
    json_text = '{"destination": {"country": "EG"}, "product": {"capabilities": ["remote_intrusion"]}}'
    assert parse_text(yaml_text) == parse_text(json_text)

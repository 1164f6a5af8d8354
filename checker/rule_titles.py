"""Plain-language titles of the finding codes: what a report, the verdict box and a finding page call each rule.

A rule's `name` is its stable slug (URLs, machine output); readers see these titles instead. One table, so every
format and the site use the same words; tests/engine/test_decision.py fails when a rule has no title.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    # Step 1: filter the deal
    "F101": "Country under comprehensive sanctions",
    "F102": "Region under comprehensive sanctions",
    "F103": "Full arms embargo on the destination",
    "F104": "Partial arms embargo on the destination",
    "F105": "Ban on monitoring or interception equipment",
    "F106": "Ban on dual-use items for the destination",
    "F107": "Restriction on equipment for internal repression",
    "F108": "Country-specific licence requirement",
    "F109": "Political restriction on the destination",
    "F110": "Targeted sanctions in a country of the deal",
    "F111": "Prior authorisation required: apply before exporting",
    "F120": "Product on a control list: licence needed",
    "F121": "Not classified, but likely on a control list",
    "F122": "Classified as not listed, but looks listed",
    "F123": "Called mass-market, but has surveillance capabilities",
    "F124": "Cyber-surveillance item outside the control lists (EU catch-all)",
    "F125": "Possible surreptitious-interception device (US)",
    "F126": "Classification provisional or contradictory",
    # Step 2: product capability
    "P201": "Product can watch, track or identify people",
    "P202": "Covert surveillance features marketed",
    "P203": "Customisation asked for to target people or groups",
    "P204": "Integration into a mass-surveillance system",
    # Step 3: destination context
    "C300": "Human-rights context of the destination",
    "C301": "Similar technology documented as misused in the destination",
    "C302": "Similar technology known to be used for repression",
    "C303": "No legal framework or oversight for surveillance",
    "C304": "Indicators show serious repression in the destination",
    "C306": "Diversion or transshipment hub on the route",
    # Step 4: end user
    "U401": "Intrusive capability for a security end user in a high-risk country",
    "U402": "Government end user gets surveillance capability",
    "U403": "End user has a record of misuse",
    "U404": "End user refused to sign an end-user statement",
    "U405": "No signed end-user statement",
    "U406": "Buyer evasive about the end use",
    "U407": "High-risk product for an individual",
    "U408": "Security end user, technology documented as misused there",
    "U409": "Government end user in a strong rule-of-law country, with oversight on file",
    "U410": "Covert deployment, untraceable units, onward government use or a military site",
    # Step 5: intermediaries and diversion
    "R501": "Intermediary in a free zone",
    "R502": "Goods delivered to another country than the destination",
    "R503": "Reseller refuses to name the end user",
    "R504": "End user known only from the reseller",
    "R505": "Goods consigned to a freight forwarder",
    "R506": "Unusual routing or payment",
    "R507": "Intermediary's name, role or country missing",
    "R508": "Onward sale without a no-re-export undertaking",
    "R509": "Delivery country missing with intermediaries involved",
    "R510": "Newly formed intermediary, or a payer other than the buyer",
    # Party screening
    "S801": "Party matches a sanctions or entity list",
    "S802": "Party may be on a sanctions or entity list",
    "S803": "Party matches a formerly listed party",
    # Step 6: mitigation and safeguards
    "M601": "Expected contract safeguard missing",
    "M602": "Ongoing services without the right to cut them off",
    "M603": "Training without lawful-use content",
    # Step 7: decide, escalate and notify
    "N701": "EU exporter may have to notify the authority (Article 5)",
    # Step 8: after the sale
    "A801": "Servicing a high-risk system for a government",
    "A802": "Customisation sold with a surveillance-capable product",
    "A803": "No way to learn of misuse after the sale",
    # Missing or contradictory facts
    "D901": "Destination not stated",
    "D902": "End-user type not stated",
    "D903": "End user not named",
    "D904": "Product capabilities not stated",
    "D905": "End-user statement contradicts the safeguards",
    "D906": "Exporter's country not stated",
}


def title(code: str) -> str:
    """The plain-language title of a finding code (the code itself for a code this table does not know)."""
    return TITLES.get(code.upper(), code)

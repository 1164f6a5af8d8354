"""Rule modules, one per due-diligence step; importing this package registers every rule."""

from checker.rules import (  # noqa: F401
    after_sale,
    capability,
    completeness,
    decision,
    destination,
    end_user,
    filtering,
    intermediaries,
    mitigation,
    parties,
)

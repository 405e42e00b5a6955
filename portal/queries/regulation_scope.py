"""Where a regulation applies: this city's own regulations first, other places' marked."""

import re

from flask import current_app
from sqlalchemy import case

from portal.models import Regulation
from portal.models.regulation import RegulationLevel

LOCAL_LEVEL = "地方性法规"
PLACE = re.compile(r"^(.{2,8}?(?:省|自治区|市))")


def local_area() -> str:
    """The province or city whose local regulations apply here (LOCAL_AREA_NAME)."""
    return current_app.config["LOCAL_AREA_NAME"]


def regulation_place(regulation: Regulation) -> str | None:
    """The province or city a local regulation belongs to (None for national ones)."""
    if regulation.level != LOCAL_LEVEL:
        return None
    match = PLACE.match(regulation.title)
    return match.group(1) if match else None


def applies_elsewhere(regulation: Regulation) -> bool:
    """True for another province's or city's local regulation, which does not bind here."""
    place = regulation_place(regulation)
    return place is not None and place != local_area()


def issuing_body_of(regulation: Regulation) -> str | None:
    """The issuing body; a local regulation without one names its place's standing committee."""
    if regulation.issuing_body:
        return regulation.issuing_body
    place = regulation_place(regulation)
    return f"{place}人民代表大会常务委员会" if place else None


def local_first_order() -> tuple:
    """ORDER BY: this city's regulations, then by legal rank, newest text first."""
    rank = case(
        {level: index for index, level in enumerate(RegulationLevel.ALL)},
        value=Regulation.level,
        else_=len(RegulationLevel.ALL),
    )
    local = case((Regulation.title.startswith(local_area()), 0), else_=1)
    return (local, rank, Regulation.version_on.desc(), Regulation.id.asc())

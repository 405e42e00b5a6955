"""/plan/<year>: the yearly spot-check plan, what fed each item and what came of it."""

from flask import Blueprint, render_template

from portal.caching import conditional
from portal.queries.plan import plan_tracks

bp = Blueprint("public_plan", __name__)


@bp.get("/plan/<int(min=1990, max=2100):year>")
@conditional(params=())
def plan_year(year: int):
    """The plan of a year: categories, planned batches, focus, suggestions, votes, results."""
    tracks = plan_tracks(year)
    return render_template("public/plan_year.html", year=year, tracks=tracks)

"""Hand-written demo data: the spot-check catalogue by group, and recall templates."""

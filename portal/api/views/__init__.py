"""API views, one module per resource; each defines a flask-smorest blueprint `blp`."""

"""Response and argument schemas of the API, one module per resource."""

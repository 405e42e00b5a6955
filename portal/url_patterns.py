"""url_for of one endpoint for many values of one argument, at the cost of a string format.

url_for costs tens of microseconds a call (URL defaults, the rule's builder, quoting); a page
of hundreds of rows with a link each spent a large part of its time in it. A pattern is built
once by url_for with a marker in place of the varying value; each URL substitutes the value,
quoted as werkzeug quotes it there (tests compare the URLs with url_for's).
"""

from urllib.parse import quote, quote_plus

from flask import url_for

MARKER = "urlpatternvalue"
# werkzeug's quoting of a path argument (BaseConverter.to_url) and of a query argument
# (werkzeug.urls._urlencode).
PATH_SAFE = "!$&'()*+,/:;=@"
QUERY_SAFE = "!$'()*,/:;?@"


class UrlPattern:
    """url_for(endpoint, **fixed, name=value) for any value of a string argument."""

    def __init__(self, endpoint: str, name: str, **fixed):
        url = url_for(endpoint, **fixed, **{name: MARKER})
        self.head, marker, self.tail = url.partition(MARKER)
        if not marker or MARKER in self.tail:
            raise ValueError(f"{endpoint} does not show its {name} argument once")
        in_query = "?" in self.head
        self.quote = quote_plus if in_query else quote
        self.safe = QUERY_SAFE if in_query else PATH_SAFE

    def __call__(self, value) -> str:
        """The URL with this value."""
        return f"{self.head}{self.quote(str(value), safe=self.safe)}{self.tail}"

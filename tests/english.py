"""Find Chinese interface text on a page rendered in English (published content excepted)."""

import re
from contextlib import contextmanager
from html.parser import HTMLParser

from flask_babel import refresh

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Attributes a reader hears or sees.
READ_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "data-label", "content")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SKIPPED = {"script", "style"}


class LeakFinder(HTMLParser):
    """Collects text and read attributes with CJK characters outside lang="zh-Hans" elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.leaks: list[str] = []
        self.content: list[str] = []  # the text of elements marked zh-Hans
        self.marked: list[list] = []  # [tag, depth] of open elements marked zh-Hans or skipped

    def handle_starttag(self, tag, attrs):
        """Open a marked element, or check a plain element's read attributes."""
        if self.marked and tag == self.marked[-1][0] and tag not in VOID:
            self.marked[-1][1] += 1
        values = dict(attrs)
        if not self.marked and (values.get("lang") or "").startswith("zh"):
            if tag not in VOID:
                self.marked.append([tag, 1])
            return
        if tag in SKIPPED and tag not in VOID:
            self.marked.append([tag, 1])
            return
        if self.marked:
            return
        if tag == "meta" and values.get("name") != "description":
            return
        for name in READ_ATTRIBUTES:
            if CJK.search(values.get(name) or ""):
                self.leaks.append(f"<{tag} {name}={values[name]!r}>")

    def handle_endtag(self, tag):
        """Close a marked element."""
        if self.marked and tag == self.marked[-1][0]:
            self.marked[-1][1] -= 1
            if not self.marked[-1][1]:
                self.marked.pop()

    def handle_data(self, data):
        """Record Chinese text outside marked elements, and the text of marked ones."""
        if self.marked and self.marked[0][0] not in SKIPPED:
            self.content.append(data.strip())
        elif not self.marked and CJK.search(data):
            self.leaks.append(data.strip())


def without_content(text: str, content: list[str]) -> str:
    """The text less every piece of published content (longest first)."""
    for piece in sorted(content, key=len, reverse=True):
        text = text.replace(piece, "")
    return text


def chinese_leaks(html: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """The Chinese interface text of an English page.

    Text, the <title>, the meta description and attributes a reader hears may quote published
    content only when the page shows that content marked lang="zh-Hans" (a title attribute
    cannot hold a marked element); `allowed` adds the visitor's own words (the search query).
    """
    finder = LeakFinder()
    finder.feed(html)
    finder.close()
    content = [piece for piece in (*finder.content, *allowed) if CJK.search(piece)]
    return [leak for leak in finder.leaks if CJK.search(without_content(leak, content))]


@contextmanager
def in_locale(app, cookie: str | None):
    """A request context in a language, its cached locale forgotten (the app context is shared)."""
    headers = {"Cookie": f"lang={cookie}"} if cookie else {}
    with app.test_request_context("/", headers=headers):
        refresh()
        yield


def in_english(app):
    """A request context of a reader who chose English."""
    return in_locale(app, "en")


def in_chinese(app):
    """A request context of a reader who did not choose."""
    return in_locale(app, None)

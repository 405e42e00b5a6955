"""Mark the published Chinese text of an English Atom feed with its language.

feedgen writes no xml:lang below the feed element, so the finished document is edited with lxml.
On an English feed every Chinese character is published content (titles, names, summaries):
a text construct (title, subtitle, summary) with Chinese and no Latin letter is Chinese as a
whole and gets xml:lang="zh-Hans"; one mixing an English sentence with Chinese names becomes
type="xhtml" with each run of Chinese in a <span xml:lang="zh-Hans"> and lines split by <br/>.
A category whose label holds Chinese gets xml:lang too. RSS 2.0 has only a channel language, so
an English RSS item whose description holds Chinese also gets an HTML copy of it
(content:encoded, which readers show instead) with each run of Chinese in a
<span lang="zh-Hans">.
"""

import re

from lxml import etree

from portal.i18n import CJK_RUN, DEFAULT_LOCALE, LOCALES, has_chinese, zh_lines

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHINESE = LOCALES[DEFAULT_LOCALE]
LATIN_LETTER = re.compile("[A-Za-z]")
TEXT_CONSTRUCTS = (f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}summary")
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def mark_chinese(document: bytes) -> bytes:
    """The Atom document with its Chinese titles, summaries and category labels marked."""
    root = etree.fromstring(document)
    for element in root.iter(*TEXT_CONSTRUCTS):
        mark_text_construct(element)
    for category in root.iter(f"{ATOM}category"):
        if has_chinese(category.get("label")):
            category.set(XML_LANG, CHINESE)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def mark_rss_descriptions(document: bytes) -> bytes:
    """The RSS document with a marked HTML copy of each description that holds Chinese (call
    on English feeds only: the marks come from zh_lines, as on the feed's page)."""
    root = etree.fromstring(document)
    for description in root.iter("description"):
        if description.getparent().tag != "item" or not has_chinese(description.text):
            continue
        encoded = etree.Element(CONTENT_ENCODED)
        encoded.text = str(zh_lines(description.text))
        encoded.tail = description.tail
        description.addnext(encoded)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def mark_text_construct(element) -> None:
    """Mark a plain-text title or summary: wholly Chinese, or Chinese runs in XHTML."""
    text = element.text or ""
    if element.get("type") not in (None, "text") or not has_chinese(text):
        return
    if not LATIN_LETTER.search(text):
        element.set(XML_LANG, CHINESE)
        return
    element.text = None
    element.set("type", "xhtml")
    div = etree.SubElement(element, f"{{{XHTML}}}div", nsmap={None: XHTML})
    for number, line in enumerate(text.split("\n")):
        if number:
            etree.SubElement(div, f"{{{XHTML}}}br")
        append_runs(div, line)


def append_runs(div, line: str) -> None:
    """Append a line to the div, each run of Chinese in a span marked zh-Hans."""
    last = 0
    for run in CJK_RUN.finditer(line):
        append_text(div, line[last : run.start()])
        span = etree.SubElement(div, f"{{{XHTML}}}span", {XML_LANG: CHINESE})
        span.text = run.group()
        last = run.end()
    append_text(div, line[last:])


def append_text(parent, text: str) -> None:
    """Append text after the parent's last child (or as its first text)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

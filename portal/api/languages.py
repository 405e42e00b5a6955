"""The OpenAPI document in the reader's language: Chinese as built, or English from the catalogue.

The document is built once, in Chinese, from the schemas and views (every description marked
with N_, the summaries listed in portal/api/docs.py). An English reader gets a copy whose human
text (operation summaries, descriptions of tags, parameters, properties, responses and headers)
is looked up in the catalogue; names, enumerated values, types and paths stay as they are.
"""

from portal.i18n import DEFAULT_LOCALE, current_locale, translate

# Keys whose string values are words for people; a property named `description` or `summary`
# holds a schema (a dict), so only string values are translated.
TEXT_KEYS = frozenset({"summary", "description"})


def translated(node):
    """A copy of a document node with every summary and description translated."""
    if isinstance(node, dict):
        return {key: translated_value(key, value) for key, value in node.items()}
    if isinstance(node, list):
        return [translated(value) for value in node]
    return node


def translated_value(key: str, value):
    """A node's value translated: words under a text key, anything else walked."""
    if key in TEXT_KEYS and isinstance(value, str):
        return translate(value)
    return translated(value)


def localised(document: dict, info: dict) -> dict:
    """The document in the active language; `info` holds its title and description there."""
    if current_locale() == DEFAULT_LOCALE:
        return document
    english = translated(document)
    english["info"] = {**english.get("info", {}), **info}
    return english

"""The API reference page's content, read from the OpenAPI document: operations by tag, their
parameters and responses, and the data structures, as plain rows for an HTML template.

The rows are read from the document in the reader's language (portal/api/languages.py); the
words this module adds (status meanings, places, constraints) are said through the catalogue."""

import re
from dataclasses import dataclass, field

from flask_babel import gettext
from limits import parse_many

from portal.i18n import N_, translate

# Status codes in words, for responses the document names only by an English phrase.
STATUS_MEANINGS = {
    "200": N_("成功"),
    "304": N_("数据未变化（条件请求）"),
    "400": N_("请求格式错误"),
    "404": N_("记录不存在"),
    "410": N_("记录已撤回（附撤回说明）"),
    "422": N_("参数有误（errors 字段逐项说明）"),
    "429": N_("请求过于频繁（Retry-After 给出需等待的秒数）"),
    "503": N_("服务暂时不可用，请稍后重试"),
    "default": N_("其他错误"),
}
PLACES = {"query": N_("查询参数"), "path": N_("路径参数"), "header": N_("请求头")}
LIMIT_UNITS = {"second": "每秒", "minute": "每分钟", "hour": "每小时", "day": "每天"}
SCHEMA_REF = re.compile(r"^#/components/schemas/(?P<name>\w+)$")


@dataclass(frozen=True)
class TypeText:
    """A value's type in words: the JSON type, a linked structure name, and its constraints."""

    name: str
    structure: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Field:
    """A parameter or a property of a structure."""

    name: str
    type: TypeText
    description: str
    place: str = ""
    required: bool = False


@dataclass(frozen=True)
class Reply:
    """One documented response: status, meaning and the structures or media types it carries."""

    status: str
    meaning: str
    structures: list[str]
    media_types: list[str]


@dataclass(frozen=True)
class Operation:
    """One documented operation with its anchor."""

    anchor: str
    method: str
    path: str
    summary: str
    parameters: list[Field]
    replies: list[Reply]
    example: str = ""


@dataclass(frozen=True)
class Section:
    """The operations of one tag."""

    anchor: str
    name: str
    description: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Structure:
    """A data structure (components/schemas) and its fields."""

    anchor: str
    name: str
    fields: list[Field]


def structure_anchor(name: str) -> str:
    """The anchor of a data structure."""
    return f"schema-{name}"


def operation_anchor(method: str, path: str) -> str:
    """The anchor of an operation: get-api-v1-batches-id style."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-").lower()
    return f"{method}-{words}"


def ref_name(schema: dict) -> str:
    """The structure name of a $ref schema, or ''."""
    match = SCHEMA_REF.match(schema.get("$ref", ""))
    return match["name"] if match else ""


def constraint_notes(schema: dict) -> str:
    """Enumerated values, bounds, default and nullability in the reader's language."""
    notes = []
    if "enum" in schema:
        values = gettext("、").join(str(v) for v in schema["enum"])
        notes.append(gettext("可选值：%(values)s", values=values))
    if "minimum" in schema or "maximum" in schema:
        notes.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if "maxLength" in schema:
        notes.append(gettext("最长 %(max)s 字", max=schema["maxLength"]))
    if "default" in schema:
        notes.append(gettext("默认 %(default)s", default=schema["default"]))
    if schema.get("nullable"):
        notes.append(gettext("可为空"))
    return gettext("；").join(notes)


def type_text(schema: dict) -> TypeText:
    """The type of a schema in words."""
    if name := ref_name(schema):
        return TypeText("object", name)
    if schema.get("type") == "array":
        inner = type_text(schema.get("items", {}))
        return TypeText(f"array<{inner.name}>", inner.structure, constraint_notes(schema))
    name = schema.get("type", "any")
    if schema.get("format"):
        name += f" ({schema['format']})"
    return TypeText(name, "", constraint_notes(schema))


def parameter_rows(parameters: list[dict]) -> list[Field]:
    """Parameters of an operation (path ones first, as the document lists them)."""
    return [
        Field(
            p["name"],
            type_text(p.get("schema", {})),
            p.get("description", ""),
            translate(PLACES.get(p["in"], p["in"])),
            bool(p.get("required")),
        )
        for p in parameters
    ]


def reply_rows(responses: dict) -> list[Reply]:
    """Responses by status code, successes first, 'default' last."""

    def order(status: str) -> tuple[int, str]:
        return (1, status) if status == "default" else (0, status)

    replies = []
    for status in sorted(responses, key=order):
        response = responses[status]
        inline = "$ref" not in response
        meaning = response.get("description", "") if inline else ""
        content = response.get("content", {}) if inline else {}
        structures = [n for c in content.values() if (n := ref_name(c.get("schema", {})))]
        meaning = meaning or translate(STATUS_MEANINGS.get(status))
        replies.append(Reply(status, meaning, structures, list(content)))
    return replies


def operation_of(path: str, method: str, operation: dict, shared: list[dict]) -> Operation:
    """One operation's rows; a GET without path parameters gets an example link."""
    parameters = parameter_rows(shared + operation.get("parameters", []))
    example = path if "{" not in path else ""
    return Operation(
        operation_anchor(method, path),
        method.upper(),
        path,
        operation.get("summary", ""),
        parameters,
        reply_rows(operation.get("responses", {})),
        example,
    )


def sections(document: dict) -> list[Section]:
    """Operations grouped by tag, in the document's tag order."""
    by_tag = {
        t["name"]: Section(f"tag-{t['name']}", t["name"], t.get("description", ""))
        for t in document.get("tags", [])
    }
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            tag = (operation.get("tags") or ["other"])[0]
            section = by_tag.setdefault(tag, Section(f"tag-{tag}", tag, ""))
            section.operations.append(operation_of(path, method, operation, shared))
    return [s for s in by_tag.values() if s.operations]


def structures(document: dict) -> list[Structure]:
    """Every data structure with its properties, required ones marked."""
    rows = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        fields = [
            Field(prop, type_text(spec), spec.get("description", ""), required=prop in required)
            for prop, spec in schema.get("properties", {}).items()
        ]
        rows.append(Structure(structure_anchor(name), name, fields))
    return rows


def rate_limit_text(notation: str) -> str:
    """A Flask-Limiter limit ("120 per minute") in Chinese words (每分钟 120 次), for the
    document built at start-up; requests say it with portal.i18n.format_rate_limit."""
    try:
        limits = parse_many(notation)
    except ValueError:
        return notation
    parts = []
    for limit in limits:
        unit = LIMIT_UNITS.get(limit.GRANULARITY.name, limit.GRANULARITY.name)
        every = unit if limit.multiples == 1 else f"每 {limit.multiples} {unit.removeprefix('每')}"
        parts.append(f"{every} {limit.amount} 次")
    return "，".join(parts)

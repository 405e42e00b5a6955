"""Read an uploaded regulation text (LawRefBook Markdown layout) or refuse it in Chinese."""

from pathlib import PurePath

from flask_babel import gettext

from portal.errors import InvalidInputError
from portal.i18n import N_, translate
from portal.regulation_parser import ParsedRegulation, parse_regulation

ALLOWED_SUFFIXES = (".md", ".markdown", ".txt")
MAX_SOURCE_NAME = 128
MAX_TITLE = 256
# The parser's messages (English, for developers) by their start, and what a staff member reads.
PARSER_MESSAGES = (
    ("regulation text must start", N_("文件第一行应为“# 标题”。")),
    ("no version date", N_("无法确定版本日期：文件名应带日期，如“产品质量法(2018-12-29).md”。")),
    ("article number", N_("条文编号没有依次递增，请检查“第X条”的编号。")),
    ("paragraph outside any article", N_("第一条之前有不属于任何条文的段落，请检查文本格式。")),
    ("header line without a date", N_("“<!-- INFO END -->”之前的沿革行应以日期开头。")),
    ("history entry without a date", N_("“<!-- INFO END -->”之前的沿革行应以日期开头。")),
)


def read_regulation_text(data: bytes | str, filename: str) -> ParsedRegulation:
    """Parse an uploaded regulation file; raise InvalidInputError with a Chinese message."""
    source_name = PurePath(filename or "").stem.strip()
    if PurePath(filename or "").suffix.lower() not in ALLOWED_SUFFIXES or not source_name:
        raise refusal(gettext("请上传 .md 或 .txt 格式的法规文本。"))
    if len(source_name) > MAX_SOURCE_NAME:
        raise refusal(gettext("文件名不能超过 %(max)s 个字符。", max=MAX_SOURCE_NAME))
    try:
        parsed = parse_regulation(decode(data), source_name)
    except ValueError as error:
        raise refusal(parser_message(str(error))) from None
    if not parsed.articles:
        raise refusal(gettext("文本中没有找到条文（以“第X条”开头的段落）。"))
    if not parsed.title.strip() or len(parsed.title) > MAX_TITLE:
        raise refusal(gettext("标题不能为空，也不能超过 %(max)s 个字符。", max=MAX_TITLE))
    return parsed


def decode(data: bytes | str) -> str:
    """The file's text: UTF-8 (BOM allowed)."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refusal(gettext("文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再上传。")) from None


def parser_message(message: str) -> str:
    """The Chinese explanation of a parser error."""
    for start, explanation in PARSER_MESSAGES:
        if message.startswith(start):
            return translate(explanation)
    return gettext("无法识别法规文本的格式，请对照已发布法规的文本格式检查。")


def refusal(message: str) -> InvalidInputError:
    """An input error about the uploaded file."""
    return InvalidInputError(message, errors={"file": [message]})

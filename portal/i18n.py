"""Languages: Simplified Chinese (the source and the default) and English, chosen by the reader.

Pages, the staff pages under /admin/ included, follow the `lang` cookie, set only by the language
switch in the header; nobody who did not choose is served anything but Chinese (Accept-Language is
ignored on pages). Feed readers send no cookies, so a feed address may carry `?lang=en` (the feed
links of English pages do). The API under /api/v1/ has no cookies either: its problem documents
follow Accept-Language, Chinese unless English is preferred (its OpenAPI document also takes
`?lang=en`). Published content (titles, texts, names) is never translated; on English pages it is
marked `lang="zh-Hans"` with the `zh` filter.
"""

import re
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from weakref import WeakKeyDictionary

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, current_app, has_request_context, request
from flask.globals import _cv_request
from flask_babel import force_locale, get_locale, get_translations, refresh
from jinja2 import pass_context
from limits import parse_many
from markupsafe import Markup, escape

from portal.config import PROJECT_ROOT
from portal.extensions import babel

# Babel locale -> the value of the HTML lang attribute.
LOCALES = {"zh": "zh-Hans", "en": "en"}
DEFAULT_LOCALE = "zh"
LOCALE_COOKIE = "lang"
LOCALE_COOKIE_SECONDS = 365 * 24 * 3600
ENV_LOCALE = "portal.locale"  # the request's locale and catalogue, resolved once per request
ENV_TRANSLATIONS = "portal.translations"
CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# A run of Chinese in English text: characters, possibly joined by spaces, slashes or dots.
CJK_RUN = re.compile(f"{CJK.pattern}+(?:[ /·]+{CJK.pattern}+)*")
# The API's description document: its address takes `?lang=` like a feed's.
OPENAPI_PATH = "/api/v1/openapi.json"


def N_(message: str) -> str:  # noqa: N802 - the conventional name pybabel extracts
    """Mark a constant for extraction; it is translated where it is shown, with gettext."""
    return message


def add_feed_language(endpoint: str, values: dict) -> None:
    """Feed addresses made on an English page ask for the English feed (`lang=en`)."""
    feed = endpoint.startswith("feeds.") and endpoint != "feeds.index"
    if feed and has_request_context() and current_locale() != DEFAULT_LOCALE:
        values.setdefault(LOCALE_COOKIE, current_locale())


def locale_of(req) -> str:
    """A werkzeug request's locale: the reader's choice on pages, Accept-Language in the API.

    Flask's request and the fast path's plain one both work; a locale already bound to the
    request wins (a feed's `lang` argument is gone once the cached view drops unread ones)."""
    bound = req.environ.get(ENV_LOCALE)
    if bound:
        return bound
    path = req.path
    asked = req.args.get(LOCALE_COOKIE)
    if path == OPENAPI_PATH and asked in LOCALES:
        return asked
    if path.startswith("/api/v1"):
        return req.accept_languages.best_match(list(LOCALES), default=DEFAULT_LOCALE)
    is_feed = path.startswith("/feeds/") and path.endswith((".atom", ".rss"))
    if is_feed and asked in LOCALES:
        return asked
    chosen = req.cookies.get(LOCALE_COOKIE, "")
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


def vary_header(path: str) -> str:
    """The request header a shared response's language depends on."""
    return "Accept-Language" if path.startswith("/api/v1") else "Cookie"


def select_locale() -> str:
    """The request's locale (Flask-Babel's selector)."""
    if not has_request_context():
        return DEFAULT_LOCALE
    return locale_of(request)


def bind_request_language() -> None:
    """Resolve the request's locale and catalogue once (templates ask hundreds of times)."""
    refresh()  # Flask-Babel keeps them on `g`, which an outer app context (tests, CLI) shares
    locale = get_locale()
    request.environ[ENV_LOCALE] = locale.language if locale is not None else DEFAULT_LOCALE
    request.environ[ENV_TRANSLATIONS] = get_translations()


def bound(key: str):
    """A value bound to the current request's environ, or None (outside a request or before
    binding). Reads Flask's request context directly: the `request` proxy costs a microsecond
    a lookup, and templates look up the language once per string and cell."""
    context = _cv_request.get(None)
    return None if context is None else context.request.environ.get(key)


@contextmanager
def in_language(locale: str):
    """Say things in a given language inside or outside a request (a mail in its subscriber's
    language, the English manifest), then return to the request's own."""
    locale = locale if locale in LOCALES else DEFAULT_LOCALE
    environ = request.environ if has_request_context() else {}
    saved = {key: environ.pop(key, None) for key in (ENV_LOCALE, ENV_TRANSLATIONS)}
    try:
        with force_locale(locale):
            environ[ENV_LOCALE], environ[ENV_TRANSLATIONS] = locale, get_translations()
            yield
    finally:
        for key, value in saved.items():
            environ[key] = value
            if value is None:
                del environ[key]


def request_translations():
    """The request's catalogue (Flask-Babel's lookup outside a request or before binding)."""
    translations = bound(ENV_TRANSLATIONS)
    return get_translations() if translations is None else translations


def current_locale() -> str:
    """The active locale's code ("zh" or "en")."""
    locale = bound(ENV_LOCALE)
    if locale:
        return locale
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LOCALE


def gettext(message: str, /, **variables) -> str:
    """Translate a message and fill its placeholders (Flask-Babel's gettext, minus its
    per-call locale and catalogue lookups once the request is bound)."""
    translated = request_translations().ugettext(message)
    return translated % variables if variables else translated


# Per catalogue: (message, autoescape) -> the template's finished text of a message without
# placeholders (translated, Markup when autoescaping, "%%" already said as "%"). Catalogues live
# as long as Flask-Babel's domain, and every page repeats the same labels (templates pass
# literals; the cap only guards against a template that would pass data).
TEMPLATE_PHRASES: WeakKeyDictionary = WeakKeyDictionary()
TEMPLATE_PHRASES_MAX = 5000


@pass_context
def template_gettext(context, message: str, /, **variables):
    """Templates' `_()` and `gettext()`: Jinja's newstyle gettext, the same output, with the
    catalogue read once per call and messages without placeholders remembered."""
    autoescape = context.eval_ctx.autoescape
    translations = request_translations()
    if variables:
        translated = translations.ugettext(message)
        # Safe: a translation is our own text; the values are escaped by Markup's %.
        return (Markup(translated) if autoescape else translated) % variables  # noqa: S704
    phrases = TEMPLATE_PHRASES.get(translations)
    if phrases is None:
        phrases = TEMPLATE_PHRASES[translations] = {}
    said = phrases.get((message, autoescape))
    if said is None:
        translated = translations.ugettext(message)
        said = (Markup(translated) if autoescape else translated) % {}  # noqa: S704
        if len(phrases) < TEMPLATE_PHRASES_MAX:
            phrases[message, autoescape] = said
    return said


def html_lang() -> str:
    """The value of <html lang> for the active locale."""
    return LOCALES.get(current_locale(), LOCALES[DEFAULT_LOCALE])


def is_english() -> bool:
    """True when the page is rendered in English."""
    return current_locale() == "en"


def has_chinese(value) -> bool:
    """True when the value contains Chinese characters or full-width punctuation."""
    return bool(CJK.search(str(value or "")))


def content_attributes() -> dict:
    """HTML attributes of an element holding published Chinese content on an English page."""
    return {"lang": LOCALES[DEFAULT_LOCALE]} if is_english() else {}


def zh_attr() -> Markup:
    """lang="zh-Hans" for an element holding published Chinese text on an English page."""
    return Markup(' lang="zh-Hans"') if is_english() else Markup("")


def zh(value) -> Markup:
    """Escape published Chinese content, marked lang="zh-Hans" on English pages (a table
    cell's filter: one Markup made, the locale read once)."""
    if value is None:
        return Markup("")
    text = escape(value)  # escaping adds no and removes no Chinese characters
    if CJK.search(text) and current_locale() == "en":
        return Markup(f'<span lang="zh-Hans">{text}</span>')  # noqa: S704 - text is escaped
    return text


def zh_runs(value) -> Markup:
    """Escape text, marking each run of Chinese lang="zh-Hans" on English pages (the literal
    values an English description quotes: 合格, 电线电缆)."""
    text = "" if value is None else str(value)
    if not is_english():
        return escape(text)
    marked, last = [], 0
    for run in CJK_RUN.finditer(text):
        marked.append(escape(text[last : run.start()]))
        marked.append(Markup('<span lang="zh-Hans">{}</span>').format(run.group()))
        last = run.end()
    marked.append(escape(text[last:]))
    return Markup("").join(marked)


def zh_lines(value) -> Markup:
    """Text of several lines as HTML: each line through zh_runs, joined by <br> (a feed entry's
    summary on its page and in English RSS)."""
    lines = ("" if value is None else str(value)).split("\n")
    return Markup("<br>").join(zh_runs(line) for line in lines)


def format_day(value: date | None) -> str:
    """A date in the reader's language: 2026年11月26日 or November 26, 2026."""
    if value is None:
        return "—"
    return long_date(value, current_locale())


@lru_cache(maxsize=8192)
def long_date(value: date, locale: str) -> str:
    """Babel's long date format (about 50 µs a call, so remembered: pages repeat dates)."""
    return format_date(value, format="long", locale=locale)


def format_number(value) -> str:
    """A number with the locale's grouping (1,234), or a dash when unknown."""
    if value is None or value == "":
        return "—"
    if type(value) is int:
        return grouped_integer(value, current_locale())
    return format_decimal(value, locale=current_locale())


@lru_cache(maxsize=8192)
def grouped_integer(value: int, locale: str) -> str:
    """Babel's decimal format of an integer (tens of µs a call, so remembered: pages repeat
    counts)."""
    return format_decimal(value, locale=locale)


def format_points(value: float | None) -> str:
    """A change in percentage points with its sign."""
    if value is None:
        return "—"
    return gettext("%(value)s 个百分点", value=format(value, "+.1f"))


# Flask-Limiter's granularities, said as "every minute" (one) or "every N minutes" (several).
RATE_UNITS = {
    "second": (N_("每秒 %(amount)s 次"), N_("每 %(multiples)s 秒 %(amount)s 次")),
    "minute": (N_("每分钟 %(amount)s 次"), N_("每 %(multiples)s 分钟 %(amount)s 次")),
    "hour": (N_("每小时 %(amount)s 次"), N_("每 %(multiples)s 小时 %(amount)s 次")),
    "day": (N_("每天 %(amount)s 次"), N_("每 %(multiples)s 天 %(amount)s 次")),
    "month": (N_("每月 %(amount)s 次"), N_("每 %(multiples)s 个月 %(amount)s 次")),
    "year": (N_("每年 %(amount)s 次"), N_("每 %(multiples)s 年 %(amount)s 次")),
}


def format_rate_limit(text: str) -> str:
    """A Flask-Limiter limit ("120 per minute;1000/day") in the reader's language."""
    said = []
    for item in parse_many(text):
        one, several = RATE_UNITS[item.GRANULARITY.name]
        message = one if item.multiples == 1 else several
        said.append(gettext(message, amount=item.amount, multiples=item.multiples))
    return gettext("；").join(said)


def translate(message: str | None) -> str:
    """Translate a string marked with N_ (or pass other text through)."""
    return request_translations().ugettext(message) if message else (message or "")


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the locale selector and the catalogue folder."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(PROJECT_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(bind_request_language)
    app.jinja_env.install_gettext_callables(
        gettext=lambda message: request_translations().ugettext(message),
        ngettext=lambda one, many, n: request_translations().ungettext(one, many, n),
        newstyle=True,
        pgettext=lambda context, message: request_translations().upgettext(context, message),
        npgettext=lambda context, one, many, n: request_translations().unpgettext(
            context, one, many, n
        ),
    )
    # `_()` straight to the fast gettext (Jinja's alias resolves and wraps it twice a call).
    app.jinja_env.globals.update(gettext=template_gettext, _=template_gettext)
    app.url_defaults(add_feed_language)
    app.jinja_env.globals.update(html_lang=html_lang, is_english=is_english, zh_attr=zh_attr)
    app.jinja_env.filters.update(
        zh=zh,
        zh_runs=zh_runs,
        zh_lines=zh_lines,
        number=format_number,
        t=translate,
        rate_limit=format_rate_limit,
    )
    app.jinja_env.tests["chinese"] = has_chinese


def cookie_secure() -> bool:
    """Mark the language cookie Secure when the site is served over HTTPS."""
    return current_app.config["SITE_URL"].startswith("https://")


# Closed vocabularies of the published records, shown translated on English pages with the `t`
# filter (the stored and queried values stay Chinese). tests/test_i18n.py checks this list
# against the models.
DOMAIN_VALUES = (
    N_("合格"),
    N_("不合格"),
    N_("生产"),
    N_("流通"),
    N_("电商"),
    N_("主动召回"),
    N_("责令召回"),
    N_("消费品"),
    N_("汽车"),
    N_("工业产品"),
    N_("法律"),
    N_("行政法规"),
    N_("地方性法规"),
    N_("部门规章"),
    N_("规范性文件"),
    N_("现行有效"),
    N_("已修订"),
    N_("已废止"),
    N_("已受理"),
    N_("处理中"),
    N_("已答复"),
    N_("已采纳"),
    N_("不予采纳"),
    N_("产品类别"),
    N_("产品"),
    N_("检测项目"),
    N_("抽样场所"),
    N_("草稿"),
    N_("投票中"),
    N_("已结束"),
    N_("高"),
    N_("中"),
    N_("低"),
    # search: DOC_TYPES and FACET_TITLES (portal/search stays free of the i18n module)
    N_("抽查公告"),
    N_("抽查批次"),
    N_("缺陷召回"),
    N_("法规条文"),
    N_("企业"),
    N_("内容类型"),
    N_("年份"),
    N_("抽查结果"),
    N_("所在区"),
    N_("质量信息公开平台"),  # the default SITE_NAME
    N_("上海市市场监督管理局"),  # the default PUBLISHER_NAME (the English manifest says it)
)

"""Match the enterprises of an imported table to stored ones: by credit code, else by name.

Read-only: the matches are shown in the preview; `store_enterprises` creates and renames them
inside the import's transaction.
"""

from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import select

from portal.credit_code import credit_code_error, normalize_credit_code
from portal.extensions import db
from portal.i18n import translate
from portal.importing import ParsedRow, Problem, fold_name
from portal.models import Enterprise, EnterpriseName, utcnow

NAME_COLUMN = "标称生产企业名称"
CODE_COLUMN = "统一社会信用代码"
CHUNK = 500


class MatchHow:
    """How an enterprise of the table was found among the stored ones."""

    CODE = "统一社会信用代码"
    NAME = "企业名称"
    NAME_AND_ADDRESS = "企业名称和地址"
    FORMER_NAME = "曾用名"


@dataclass
class EnterpriseMatch:
    """One enterprise of the table: matched to a stored enterprise, or new (to be confirmed)."""

    name: str
    address: str = ""
    district: str = ""
    credit_code: str = ""
    code_source: str = ""  # 表格 / 编辑提供 / 已存档
    rows: list[int] = field(default_factory=list)
    enterprise_id: int | None = None
    how: str = ""
    renamed_from: str | None = None  # a stored name the table's name replaces

    @property
    def is_new(self) -> bool:
        """True when no stored enterprise matched: the import creates it."""
        return self.enterprise_id is None

    @property
    def status(self) -> str:
        """The preview's description of the match, in Chinese."""
        if self.is_new:
            return gettext("新企业（待确认）")
        text = gettext("已有企业（按%(how)s匹配）", how=translate(self.how))
        if self.renamed_from:
            text += gettext(
                "，名称由「%(old)s」更新为「%(new)s」，原名称保留为曾用名",
                old=self.renamed_from,
                new=self.name,
            )
        return text


def match_enterprises(
    rows: list[ParsedRow], credit_codes: dict[str, str] | None = None
) -> tuple[list[EnterpriseMatch], dict[int, int], list[Problem]]:
    """Group rows by enterprise and match each group; returns matches, row → match, problems."""
    problems: list[Problem] = []
    groups = group_rows(rows, problems)
    supplied = {fold_name(name): code for name, code in (credit_codes or {}).items()}
    apply_supplied_codes(groups, supplied, problems)
    match_by_code([g for g in groups.values() if g.credit_code])
    match_by_name([g for g in groups.values() if not g.credit_code], problems)
    matches = list(groups.values())
    problems.extend(shared_code_problems(matches))
    row_match = {number: index for index, group in enumerate(matches) for number in group.rows}
    return matches, row_match, problems


def shared_code_problems(matches: list[EnterpriseMatch]) -> list[Problem]:
    """A problem for each enterprise whose code an earlier enterprise of the table holds."""
    problems, first_holder = [], {}
    for match in matches:
        if not match.credit_code:
            continue
        holder = first_holder.setdefault(match.credit_code, match)
        if holder is not match:
            message = gettext(
                "统一社会信用代码%(code)s同时对应「%(first)s」和「%(second)s」。",
                code=match.credit_code,
                first=holder.name,
                second=match.name,
            )
            problems.append(Problem(match.rows[0], CODE_COLUMN, message))
    return problems


def group_rows(rows: list[ParsedRow], problems: list[Problem]) -> dict[str, EnterpriseMatch]:
    """One group per folded enterprise name, carrying the first valid credit code seen."""
    groups: dict[str, EnterpriseMatch] = {}
    for row in rows:
        if not row.enterprise_name:
            continue
        key = fold_name(row.enterprise_name)
        group = groups.get(key)
        if group is None:
            group = groups[key] = EnterpriseMatch(name=row.enterprise_name)
        group.rows.append(row.row_number)
        group.address = group.address or row.enterprise_address
        group.district = group.district or row.district
        add_row_code(group, row, problems)
    return groups


def add_row_code(group: EnterpriseMatch, row: ParsedRow, problems: list[Problem]) -> None:
    """Validate a row's credit code and give it to the group (conflicts are problems)."""
    if not row.credit_code:
        return
    code = normalize_credit_code(row.credit_code)
    message = credit_code_error(code)
    if message:
        problems.append(Problem(row.row_number, CODE_COLUMN, message))
    elif not group.credit_code:
        group.credit_code, group.code_source = code, "表格"
    elif group.credit_code != code:
        message = gettext(
            "同一企业「%(name)s」在表格中有不同的统一社会信用代码（%(code)s）。",
            name=group.name,
            code=group.credit_code,
        )
        problems.append(Problem(row.row_number, CODE_COLUMN, message))


def apply_supplied_codes(groups: dict, supplied: dict[str, str], problems: list[Problem]) -> None:
    """Give groups without a code the code the editor supplied for their name."""
    for key, group in groups.items():
        if group.credit_code or key not in supplied:
            continue
        code = normalize_credit_code(supplied[key])
        message = credit_code_error(code)
        if message:
            problems.append(
                Problem(
                    group.rows[0],
                    CODE_COLUMN,
                    gettext("为「%(name)s」提供的%(message)s", name=group.name, message=message),
                )
            )
        else:
            group.credit_code, group.code_source = code, "编辑提供"


def match_by_code(groups: list[EnterpriseMatch]) -> None:
    """Match groups with a credit code; a stored enterprise under another name is renamed."""
    codes = [group.credit_code for group in groups]
    stored = {}
    for start in range(0, len(codes), CHUNK):
        stmt = select(Enterprise).where(Enterprise.credit_code.in_(codes[start : start + CHUNK]))
        stored.update({e.credit_code: e for e in db.session.scalars(stmt)})
    for group in groups:
        enterprise = stored.get(group.credit_code)
        if enterprise is None:
            continue
        group.enterprise_id, group.how = enterprise.id, MatchHow.CODE
        if fold_name(enterprise.name) != fold_name(group.name):
            group.renamed_from = enterprise.name


def match_by_name(groups: list[EnterpriseMatch], problems: list[Problem]) -> None:
    """Match groups without a code by folded name (then address) or former name."""
    if not groups:
        return
    index = name_index()
    for group in groups:
        candidates = index.get(fold_name(group.name), [])
        chosen, how = choose_candidate(group, candidates)
        if chosen is not None:
            group.enterprise_id, group.how = chosen.id, how
            group.credit_code, group.code_source = chosen.credit_code, "已存档"
        else:
            problems.append(name_problem(group, candidates))


def name_index() -> dict[str, list[tuple[Enterprise, str]]]:
    """Stored enterprises by folded current and former names (with how each was named)."""
    index: dict[str, list[tuple[Enterprise, str]]] = {}
    for enterprise in db.session.scalars(select(Enterprise)):
        index.setdefault(fold_name(enterprise.name), []).append((enterprise, MatchHow.NAME))
    stmt = select(EnterpriseName).join(EnterpriseName.enterprise)
    for former in db.session.scalars(stmt):
        key = fold_name(former.name)
        index.setdefault(key, []).append((former.enterprise, MatchHow.FORMER_NAME))
    return index


def choose_candidate(group: EnterpriseMatch, candidates: list) -> tuple[Enterprise | None, str]:
    """The single stored enterprise a name (and address) points to, or (None, "")."""
    distinct = {enterprise.id: (enterprise, how) for enterprise, how in candidates}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    address = fold_name(group.address)
    same_place = [e for e, _ in distinct.values() if address and fold_name(e.address) == address]
    if len(same_place) == 1:
        return same_place[0], MatchHow.NAME_AND_ADDRESS
    return None, ""


def name_problem(group: EnterpriseMatch, candidates: list) -> Problem:
    """Why a group without a code cannot be stored."""
    rows = gettext("、").join(str(number) for number in group.rows[:10]) + (
        gettext("等") if len(group.rows) > 10 else ""
    )
    if candidates:
        message = gettext(
            "已有多家名为「%(name)s」的企业，无法按名称和地址确定（第%(rows)s行），请提供统一社会信用代码。",
            name=group.name,
            rows=rows,
        )
    else:
        message = gettext(
            "「%(name)s」是新企业，缺少统一社会信用代码（第%(rows)s行），请提供统一社会信用代码。",
            name=group.name,
            rows=rows,
        )
    return Problem(group.rows[0], NAME_COLUMN, message)


def store_enterprises(matches: list[EnterpriseMatch]) -> list[Enterprise]:
    """Create new enterprises and rename matched ones, in the caller's transaction."""
    now = utcnow()
    existing_ids = [m.enterprise_id for m in matches if not m.is_new]
    stored = {}
    for start in range(0, len(existing_ids), CHUNK):
        chunk = existing_ids[start : start + CHUNK]
        stored.update(
            {
                e.id: e
                for e in db.session.scalars(select(Enterprise).where(Enterprise.id.in_(chunk)))
            }
        )
    return [_stored(match, stored.get(match.enterprise_id), now) for match in matches]


def _stored(match: EnterpriseMatch, enterprise: Enterprise | None, now) -> Enterprise:
    """The enterprise a match stands for: created, or renamed and completed when needed."""
    if enterprise is None:
        enterprise = Enterprise(credit_code=match.credit_code, name=match.name, created_at=now)
        db.session.add(enterprise)
    elif match.renamed_from:
        enterprise.former_names.append(EnterpriseName(name=enterprise.name, replaced_at=now))
        enterprise.name = match.name
    filled = (enterprise.address, enterprise.district)
    enterprise.address = enterprise.address or match.address or None
    enterprise.district = enterprise.district or match.district or None
    if match.is_new or match.renamed_from or filled != (enterprise.address, enterprise.district):
        enterprise.updated_at = now
    return enterprise

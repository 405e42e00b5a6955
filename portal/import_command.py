"""The import-results command: preview a result file, then save it as one announcement."""

import csv
import io
from pathlib import Path

import click
from sqlalchemy import select

from portal.errors import PortalError
from portal.extensions import db
from portal.importing.readers import decode_text
from portal.models import Role, Scope, User
from portal.services.importing import (
    ImportMetadata,
    preview_import,
    save_import,
)
from portal.services.publishing import publish_record

DATE = click.DateTime(formats=["%Y-%m-%d"])
# The audit log's reason when one person imports and publishes in one command (four eyes waived).
CLI_PUBLISH_REASON = "命令行导入并直接发布（import-results --publish）"


class ParseProgress:
    """A click progress bar opened at the first report, when the number of rows is known."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        """Advance the bar to `done` of `total` rows."""
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        """Finish the bar's line."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("import-results")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--category", "category_code", help="产品类别代码；省略时按表格标题中的类别名称判断。"
)
@click.option("--number", help="公告编号；省略时生成本年度下一个编号（沪市监质〔年〕第N号）。")
@click.option("--title", help="公告标题；省略时取表格的标题行，缺少类别名称时在前面加上类别名称。")
@click.option(
    "--scope",
    type=click.Choice(Scope.ALL),
    default=Scope.PRODUCTION,
    show_default=True,
    help="抽查领域。",
)
@click.option(
    "--period-start",
    type=DATE,
    help="抽查期间开始日期 YYYY-MM-DD；默认为发布日期所在季度的第一天。",
)
@click.option("--period-end", type=DATE, help="抽查期间结束日期 YYYY-MM-DD；默认为发布日期。")
@click.option("--issued-on", type=DATE, help="发布日期 YYYY-MM-DD；默认为今天（北京时间）。")
@click.option(
    "--codes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV 文件，每行「企业名称,统一社会信用代码」，为表格中没有代码的新企业提供代码。",
)
@click.option("--user", "username", help="以该员工账号的名义导入（写入审计日志）；默认不记名。")
@click.option("--publish", is_flag=True, help="保存后立即发布；默认保存为草稿（不公开）。")
def import_results_command(file: Path, category_code, codes, username, publish, **fields):
    """Import a spot-check result table (XLSX, XLS or CSV) as one announcement.

    Prints every problem with its row number and exits with status 1 without saving anything
    when there is one; prints the new announcement's id on success.
    """
    user = acting_user(username)
    if publish and (user is None or not user.has_role(Role.PUBLISHER)):
        click.echo(
            "--publish 需要用 --user 指定一个具有发布权限（publisher）的员工账号。", err=True
        )
        raise SystemExit(1)
    progress = ParseProgress("解析表格")
    try:
        preview = preview_import(
            file.read_bytes(), file.name, category_code, read_codes(codes), progress
        )
    finally:
        progress.close()
    if not preview.is_valid:
        fail_with_problems(preview)
    report_preview(preview)
    announcement = save_preview(preview, fields, publish, user)
    state = "已发布" if publish else "草稿"
    click.echo(f"公告已保存（{state}），id: {announcement.id}，编号：{announcement.number}")


def acting_user(username: str | None):
    """The staff account named by --user, or None; an unknown name exits with status 1."""
    if not username:
        return None
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.is_active:
        click.echo(f"没有名为「{username}」的有效员工账号。", err=True)
        raise SystemExit(1)
    return user


def read_codes(path: Path | None) -> dict[str, str]:
    """Enterprise name → credit code from a two-column CSV (UTF-8 or GBK)."""
    if path is None:
        return {}
    rows = csv.reader(io.StringIO(decode_text(path.read_bytes())))
    return {row[0].strip(): row[1].strip() for row in rows if len(row) >= 2 and row[0].strip()}


def fail_with_problems(preview) -> None:
    """Print the problems and exit with status 1."""
    problems = preview.problems or ["表格中没有抽查结果数据。"]
    click.echo(f"发现 {len(problems)} 处问题，未保存任何内容：", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    raise SystemExit(1)


def report_preview(preview) -> None:
    """Print the batch count and how each enterprise was matched."""
    click.echo(f"共 {len(preview.rows)} 批次，其中不合格 {preview.failed_count} 批次。")
    for match in preview.enterprises:
        click.echo(f"  {match.name}（{match.credit_code}）：{match.status}")


def save_preview(preview, fields: dict, publish: bool, user):
    """Save (and publish) the previewed import; errors exit with status 1."""
    metadata = ImportMetadata(
        number=fields["number"],
        title=fields["title"],
        scope=fields["scope"],
        period_start_on=fields["period_start"] and fields["period_start"].date(),
        period_end_on=fields["period_end"] and fields["period_end"].date(),
        issued_on=fields["issued_on"] and fields["issued_on"].date(),
    )
    try:
        announcement = save_import(preview, metadata, user=user, remote_addr="cli")
        if publish:
            publish_record(announcement, user, "cli", force_reason=CLI_PUBLISH_REASON)
    except PortalError as error:
        click.echo(f"未保存：{error.detail}", err=True)
        for field, messages in error.errors.items():
            click.echo(f"  {field}: {'；'.join(messages)}", err=True)
        raise SystemExit(1) from error
    return announcement

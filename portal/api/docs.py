"""/api/docs: an accessible API reference rendered on the server from the OpenAPI document."""

from flask import Blueprint, current_app, render_template, url_for

from portal.api.extension import openapi_document
from portal.api.reference import sections, structures
from portal.caching import conditional
from portal.i18n import N_

bp = Blueprint("apidocs", __name__)

# The operations' summaries (their docstrings) for the catalogue: the English document and page
# show them translated.
# A new operation's summary goes here too (tests/test_english_pages.py fails until it does).
SUMMARIES = (
    N_("抽查公告列表（含撤回的公告，status 标明）。"),
    N_("抽查公告列表的 CSV。"),
    N_("一条抽查公告及其全部批次；已撤回的公告返回 410 和撤回说明。"),
    N_("抽查批次列表：按品类、企业、结果、区、日期和更新时间筛选。"),
    N_("抽查批次列表的 CSV（每次最多 Row-Limit 行，page 取后面的行）。"),
    N_("召回列表：按类别、方式、品类、企业、日期和更新时间筛选。"),
    N_("召回列表的 CSV。"),
    N_("一条召回公告；已撤回的返回 410 和撤回说明。"),
    N_("法律法规列表：按效力级别、时效性和更新时间筛选。"),
    N_("法律法规列表的 CSV。"),
    N_("一部法律法规及其逐条条文。"),
    N_("全部产品类别（按代码排序）。"),
    N_("全部产品类别的 CSV。"),
    N_("一家企业的全部历史：抽查批次、召回和合格率。"),
    N_("全文搜索公告、批次、召回、法规条文和企业：与网站搜索页结果相同，含分面计数。"),
    N_("批次数、不合格数和合格率，按年、半年、品类或区分组（由批次数据计算）。"),
    N_("某年的监督抽查计划：品类、批次、重点、理由、建议数、票数和已公布的抽查结果。"),
    N_("某年收到的抽查建议数：按办理状态和品类汇总（不含内容和联系方式）。"),
    N_("按产品类别和月份汇总的投诉举报件数（只含已结束的整月；不含内容、联系方式和照片）。"),
    N_("全部批量下载文件：大小、记录数和 SHA-256 校验值。"),
    N_("下载一个批量文件（gzip 压缩的 JSON Lines 或 CSV）。"),
    N_("DCAT-AP 风格的 JSON-LD 数据目录，供数据门户采集。"),
)


@bp.get("/api/docs")
@conditional()
def api_docs():
    """The API documentation page in the reader's language: overview table, every operation
    and every structure."""
    document = openapi_document()
    return render_template(
        "api/docs.html",
        openapi_url=url_for("api-docs.openapi_json"),
        english_url=url_for("api-docs.openapi_json", lang="en"),
        sections=sections(document),
        structures=structures(document),
        rate_limit=current_app.config["API_RATE_LIMIT"],  # said per locale by the template
    )

"""Chinese title, summary and body of an announcement, with counts computed from its batches."""

from collections import Counter
from dataclasses import dataclass

from portal.demo import vocabulary as vocab
from portal.demo.randomness import percent
from portal.demo.schedule import Slot
from portal.models import Result

SCOPE_PLACES = {
    "生产": "本市生产企业的",
    "流通": "本市流通领域销售的",
    "电商": "电子商务平台销售的",
}
SCOPE_FIELDS = {"生产": "生产领域", "流通": "流通领域", "电商": "电子商务领域"}
MAX_NAMED_DISTRICTS = 5
MAX_NAMED_ITEMS = 4


@dataclass(frozen=True)
class BatchStats:
    """Counts an announcement quotes, computed from its batch rows."""

    batches: int
    failed: int
    enterprises: int
    districts: list[tuple[str, int]]
    failed_districts: list[str]
    failed_items: list[tuple[str, int]]
    products: list[str]


def batch_stats(batches: list[dict]) -> BatchStats:
    """Count batches, failures, enterprises, districts and failed items."""
    failed = [batch for batch in batches if batch["result"] == Result.FAIL]
    districts = Counter(batch["district"] for batch in batches)
    return BatchStats(
        batches=len(batches),
        failed=len(failed),
        enterprises=len({batch["credit_code"] for batch in batches}),
        districts=sorted(districts.items(), key=lambda pair: (-pair[1], pair[0])),
        failed_districts=sorted({batch["district"] for batch in failed}),
        failed_items=Counter(
            item for batch in failed for item in batch["failed_items"]
        ).most_common(),
        products=list(dict.fromkeys(batch["product_name"] for batch in batches)),
    )


def title(slot: Slot) -> str:
    """2025年上半年电线电缆产品质量监督抽查结果公告."""
    half = "上" if slot.half == 1 else "下"
    return f"{slot.year}年{half}半年{slot.spec.name}产品质量监督抽查结果公告"


def months(slot: Slot) -> str:
    """The sampling months: 2025年3月至5月."""
    start, end = slot.period_start_on, slot.period_end_on
    if start.month == end.month:
        return f"{start.year}年{start.month}月"
    return f"{start.year}年{start.month}月至{end.month}月"


def summary(slot: Slot, stats: BatchStats) -> str:
    """One paragraph with the counts and the pass rate."""
    place = SCOPE_PLACES[slot.scope]
    opening = (
        f"{months(slot)}，{vocab.BUREAU_NAME}组织对{place}{slot.spec.name}产品开展了质量监督抽查，"
        f"共抽查{stats.enterprises}家企业的{stats.batches}批次产品，"
    )
    if stats.failed:
        rate = percent(stats.failed, stats.batches)
        result = f"发现{stats.failed}批次产品不合格，不合格发现率为{rate}%。"
    else:
        result = "未发现不合格产品。"
    passed = percent(stats.batches - stats.failed, stats.batches)
    return f"{opening}{result}抽查合格率为{passed}%。"


def coverage(slot: Slot, stats: BatchStats) -> str:
    """Second paragraph: districts, products and test items."""
    named = [name for name, _ in stats.districts[:MAX_NAMED_DISTRICTS]]
    more = "等" if len(stats.districts) > len(named) else "共"
    items = slot.spec.test_items
    return (
        f"本次抽查覆盖{'、'.join(named)}{more}{len(stats.districts)}个区，"
        f"涉及{'、'.join(stats.products)}等品种。依据相关国家标准、行业标准及企业明示的质量要求，"
        f"对{'、'.join(items)}共{len(items)}个项目进行了检验。经检验，"
        f"{stats.batches - stats.failed}批次产品合格，{stats.failed}批次产品不合格。"
    )


def findings(slot: Slot, stats: BatchStats) -> str:
    """Third paragraph: what failed and what happens next."""
    if not stats.failed:
        return f"本次抽查未发现不合格产品。本局将持续加强{slot.spec.name}产品质量安全监管。"
    items = "、".join(f"{item}（{n}批次）" for item, n in stats.failed_items[:MAX_NAMED_ITEMS])
    districts = "、".join(stats.failed_districts)
    return (
        f"不合格项目主要涉及{items}。对抽查发现的不合格产品，本局已责成{districts}"
        "市场监督管理局依法处理，督促企业查明原因、落实整改，并将依法开展跟踪抽查。"
    )


def body(slot: Slot, stats: BatchStats) -> str:
    """Body paragraphs separated by blank lines."""
    opening = (
        f"为加强{slot.spec.name}产品质量安全监管，依据《中华人民共和国产品质量法》"
        f"《产品质量监督抽查管理暂行办法》等规定，{vocab.BUREAU_NAME}于{months(slot)}"
        f"在{SCOPE_FIELDS[slot.scope]}组织开展了{slot.spec.name}产品质量监督抽查。"
    )
    closing = (
        "各批次的抽查结果见本公告下方的抽查结果表（含不合格项目和检验机构）；"
        "点击“只看不合格批次”可只显示不合格产品及企业。"
    )
    return "\n\n".join((opening, coverage(slot, stats), findings(slot, stats), closing))

"""Realistic demo vocabulary: catalogue, districts, agencies, name parts, recall templates."""

from portal.demo.data import (
    agriculture,
    building,
    chemicals,
    children,
    ebikes,
    electrical,
    food_contact,
    information,
    light_industry,
    machinery,
    recalls_consumer,
    recalls_other,
    textiles,
)
from portal.demo.specs import Agency, CategorySpec, District, GroupSpec, RecallTemplate

_GROUP_MODULES = (
    electrical,
    light_industry,
    building,
    agriculture,
    textiles,
    machinery,
    chemicals,
    food_contact,
    children,
    ebikes,
    information,
)

GROUPS: tuple[GroupSpec, ...] = tuple(module.GROUP for module in _GROUP_MODULES)
CATEGORIES: tuple[CategorySpec, ...] = tuple(
    spec for module in _GROUP_MODULES for spec in module.CATEGORIES
)
GROUPS_BY_CODE: dict[str, GroupSpec] = {group.code: group for group in GROUPS}
CATEGORIES_BY_CODE: dict[str, CategorySpec] = {spec.code: spec for spec in CATEGORIES}

RECALL_TEMPLATES: tuple[RecallTemplate, ...] = recalls_consumer.TEMPLATES + recalls_other.TEMPLATES

# Relative number of batches a category gets, by risk level; key products get KEY_WEIGHT more.
RISK_WEIGHTS = {"高": 1.5, "中": 1.0, "低": 0.6}
KEY_WEIGHT = 1.25

DISTRICTS: tuple[District, ...] = (
    District("310101", "黄浦区", ("南京东路", "西藏中路", "河南南路", "中山南路", "复兴东路"), 1),
    District("310104", "徐汇区", ("漕溪北路", "宜山路", "虹漕路", "田林路", "龙吴路"), 3),
    District("310105", "长宁区", ("天山路", "延安西路", "仙霞路", "金钟路", "临虹路"), 2),
    District("310106", "静安区", ("共和新路", "汶水路", "广中西路", "江场西路", "万荣路"), 3),
    District("310107", "普陀区", ("真北路", "武威路", "金沙江路", "祁连山南路", "同普路"), 4),
    District("310109", "虹口区", ("四平路", "大连西路", "广纪路", "场中路", "水电路"), 2),
    District("310110", "杨浦区", ("军工路", "黎平路", "国权路", "长阳路", "翔殷路"), 3),
    District("310112", "闵行区", ("春东路", "剑川路", "元江路", "光华路", "颛兴路"), 12),
    District("310113", "宝山区", ("月罗公路", "富联路", "蕰川路", "沪太路", "丰翔路"), 10),
    District("310114", "嘉定区", ("叶城路", "曹安公路", "嘉松北路", "沪宜公路", "墨玉路"), 14),
    District("310115", "浦东新区", ("金海路", "川沙路", "秀浦路", "申江路", "康新公路"), 16),
    District("310116", "金山区", ("亭卫公路", "卫清西路", "朱枫公路", "金张公路", "山阳大道"), 8),
    District("310117", "松江区", ("沪松公路", "北松公路", "荣乐东路", "泗砖公路", "九新公路"), 14),
    District("310118", "青浦区", ("外青松公路", "沪青平公路", "崧泽大道", "华腾路", "漕盈路"), 10),
    District("310120", "奉贤区", ("金海公路", "南亭公路", "沪杭公路", "浦星公路", "大叶公路"), 10),
    District("310151", "崇明区", ("陈海公路", "北沿公路", "东门路", "秀山路", "八一路"), 3),
)
DISTRICTS_BY_NAME: dict[str, District] = {district.name: district for district in DISTRICTS}

AGENCIES: tuple[Agency, ...] = (
    Agency("上海市质量监督检验技术研究院", "SQI", ()),
    Agency("上海市计量测试技术研究院", "SIMT", ()),
    Agency("SGS-CSTC标准技术服务（上海）有限公司", "SGS", ()),
    Agency("国家电线电缆质量检验检测中心（上海）", "NCWC", ("0101",)),
    Agency("国家电光源质量检验检测中心（上海）", "NLQC", ("0110", "0609")),
    Agency("国家化肥质量检验检测中心（上海）", "NFQC", ("0401", "0402", "0403", "0406", "0409")),
    Agency("上海市纺织工业技术监督所", "STTS", ("05", "0903")),
    Agency(
        "国家安全防范报警系统产品质量检验检测中心（上海）",
        "NSAC",
        ("0606", "0607", "0608", "1105", "1107"),
    ),
    Agency("上海电器科学研究所（集团）有限公司", "SEARI", ("0103", "0604", "0610")),
    Agency("上海建科检验有限公司", "SRIBS", ("03",)),
    Agency("上海机动车检测认证技术研究中心有限公司", "SMVIC", ("10",)),
    Agency("国家消防装备质量检验检测中心", "NFEQ", ("0603",)),
    Agency("中国石化上海石油化工研究院", "SRIP", ("0702", "0703", "0704", "0705", "0707", "0711")),
)

# 字号 (trade names) are built from a first and a second character; the pinyin gives latin brands.
TRADE_FIRST = "华申沪浦金新天宏恒嘉瑞永鑫联东海宝中美佳康安诚汇宇益丰星顺德力兴亿正明凯博欧远锦"
TRADE_FIRST_PINYIN = (
    "HUA",
    "SHEN",
    "HU",
    "PU",
    "JIN",
    "XIN",
    "TIAN",
    "HONG",
    "HENG",
    "JIA",
    "RUI",
    "YONG",
    "XIN",
    "LIAN",
    "DONG",
    "HAI",
    "BAO",
    "ZHONG",
    "MEI",
    "JIA",
    "KANG",
    "AN",
    "CHENG",
    "HUI",
    "YU",
    "YI",
    "FENG",
    "XING",
    "SHUN",
    "DE",
    "LI",
    "XING",
    "YI",
    "ZHENG",
    "MING",
    "KAI",
    "BO",
    "OU",
    "YUAN",
    "JIN",
)
TRADE_SECOND = "达通盛华丰源泰宇鑫光成信昌隆发和德力科能扬创翔威瑞亚凌峰辉捷"
TRADE_SECOND_PINYIN = (
    "DA",
    "TONG",
    "SHENG",
    "HUA",
    "FENG",
    "YUAN",
    "TAI",
    "YU",
    "XIN",
    "GUANG",
    "CHENG",
    "XIN",
    "CHANG",
    "LONG",
    "FA",
    "HE",
    "DE",
    "LI",
    "KE",
    "NENG",
    "YANG",
    "CHUANG",
    "XIANG",
    "WEI",
    "RUI",
    "YA",
    "LING",
    "FENG",
    "HUI",
    "JIE",
)

# Industry words of makers of a category, used in most names (the group's words otherwise).
CATEGORY_INDUSTRY_WORDS = {
    "0101": ("电线电缆", "电缆", "线缆"),
    "0102": ("电器", "电工"),
    "0110": ("照明电器", "光电科技", "照明科技"),
    "0201": ("燃气具", "厨房电器", "厨具"),
    "0202": ("燃气具", "热能设备"),
    "0203": ("燃气设备", "金属软管"),
    "0204": ("纸业", "生活用纸"),
    "0205": ("卫生用品", "护理用品"),
    "0206": ("家具", "家居"),
    "0207": ("鞋业",),
    "0208": ("眼镜", "光学"),
    "0209": ("自行车", "车业"),
    "0210": ("箱包", "皮具"),
    "0211": ("健身器材", "体育用品"),
    "0212": ("口腔护理用品", "日用品"),
    "0301": ("防水材料", "防水科技"),
    "0302": ("防水材料", "防水科技"),
    "0303": ("木业", "人造板"),
    "0304": ("木业", "地板"),
    "0305": ("陶瓷", "建陶"),
    "0306": ("卫浴", "洁具"),
    "0307": ("卫浴", "水暖器材"),
    "0308": ("塑胶管业", "管业"),
    "0309": ("钢铁", "钢材"),
    "0310": ("水泥", "建材"),
    "0311": ("涂料", "化工"),
    "0312": ("门窗", "幕墙门窗"),
    "0401": ("肥业", "化肥"),
    "0402": ("有机肥", "生物科技"),
    "0404": ("农药", "植保"),
    "0405": ("塑料制品", "农膜"),
    "0407": ("农机", "农业机械"),
    "0408": ("农机", "植保机械"),
    "0601": ("劳保用品", "安全防护用品"),
    "0602": ("劳保用品", "安全防护用品"),
    "0603": ("消防设备", "消防器材"),
    "0604": ("电气", "低压电器"),
    "0605": ("电动工具", "机电"),
    "0606": ("门业", "安防门业"),
    "0607": ("锁业", "五金"),
    "0610": ("焊接设备", "焊机"),
    "0611": ("轴承",),
    "0612": ("紧固件", "五金"),
    "0701": ("胶粘剂", "粘合剂"),
    "0703": ("石油", "能源"),
    "0704": ("石油", "能源"),
    "0705": ("润滑油", "石油化工"),
    "0709": ("烟花爆竹", "烟花"),
    "0710": ("轮胎", "橡胶制品"),
    "0711": ("燃气", "液化气"),
    "0804": ("陶瓷", "瓷业"),
    "0805": ("不锈钢制品", "厨具"),
    "0806": ("厨具", "炊具"),
    "0807": ("不锈钢制品", "日用品"),
    "0808": ("日化", "洗涤用品"),
    "0810": ("玻璃制品",),
    "0901": ("玩具",),
    "0902": ("鞋业", "童鞋"),
    "0903": ("童装", "服饰"),
    "0904": ("婴童用品", "童车"),
    "0905": ("童车", "自行车"),
    "0906": ("婴童用品", "家具"),
    "0907": ("文具", "文化用品"),
    "0910": ("家具", "儿童家具"),
    "1005": ("头盔", "安全防护用品"),
    "1006": ("轮胎", "橡胶制品"),
}

# Industry words any enterprise may use, whatever it makes.
GENERIC_INDUSTRY_WORDS = ("实业", "科技", "工贸", "贸易", "制造", "实业发展")

# (template, weight) for enterprise names of ordinary companies (second code character 1).
COMPANY_NAME_FORMS = (
    ("上海{trade}{industry}有限公司", 50),
    ("上海{trade}{industry}股份有限公司", 5),
    ("{trade}（上海）{industry}有限公司", 8),
    ("上海{short}{trade}{industry}有限公司", 10),
    ("上海市{district}{trade}{industry}厂", 7),
    ("上海{trade}{generic}有限公司", 15),
    ("上海{trade}{industry}制造有限公司", 5),
)
# Names of 个体工商户 (second code character 2) and 农民专业合作社 (3).
SOLE_TRADER_NAME_FORMS = (
    "上海市{district}{trade}{industry}经营部",
    "上海市{district}{trade}{industry}厂",
)
COOPERATIVE_NAME_FORM = "上海{short}{trade}农业专业合作社"

# 全国工业产品生产许可证 unit codes of categories that need a production licence.
LICENCE_UNITS = {
    "0101": "06-001",
    "0301": "23-003",
    "0309": "05-001",
    "0310": "08-001",
    "0401": "13-011",
    "0703": "13-014",
    "0704": "13-014",
    "0711": "13-014",
    "0801": "16-204",
    "0802": "16-201",
    "0803": "16-204",
    "0808": "16-205",
    "0809": "16-204",
}

BUREAU_NAME = "上海市市场监督管理局"
ANNOUNCEMENT_NUMBER = "沪市监质〔{year}〕第{serial}号"
RECALL_NUMBER = "沪召〔{year}〕{serial}号"

"""Names that read like real applicant and inventor names of each country (all fictitious).

Chinese applicants appear in the two forms real records carry: the CNIPA form in characters
(``深圳市华信通科技有限公司``) and the upper-case transliteration of foreign offices and PATSTAT
(``SHENZHEN HUAXINTONG TECHNOLOGY CO., LTD.``). A name is a pure function of (kind, country, city,
a 64-bit draw), so output is reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# brand syllables: (characters, pinyin)
CN_SYLLABLES = [
    ("华", "HUA"),
    ("中", "ZHONG"),
    ("兴", "XING"),
    ("创", "CHUANG"),
    ("维", "WEI"),
    ("达", "DA"),
    ("联", "LIAN"),
    ("腾", "TENG"),
    ("科", "KE"),
    ("星", "XING"),
    ("光", "GUANG"),
    ("海", "HAI"),
    ("信", "XIN"),
    ("通", "TONG"),
    ("智", "ZHI"),
    ("锐", "RUI"),
    ("迈", "MAI"),
    ("捷", "JIE"),
    ("鼎", "DING"),
    ("宏", "HONG"),
    ("泰", "TAI"),
    ("安", "AN"),
    ("新", "XIN"),
    ("源", "YUAN"),
    ("德", "DE"),
    ("富", "FU"),
    ("佳", "JIA"),
    ("明", "MING"),
    ("天", "TIAN"),
    ("瑞", "RUI"),
    ("博", "BO"),
    ("力", "LI"),
    ("云", "YUN"),
    ("飞", "FEI"),
    ("朗", "LANG"),
    ("视", "SHI"),
]
CN_INDUSTRY = [
    ("科技", "TECHNOLOGY"),
    ("电子", "ELECTRONICS"),
    ("通信", "COMMUNICATION"),
    ("信息技术", "INFORMATION TECHNOLOGY"),
    ("电器", "ELECTRIC APPLIANCE"),
    ("实业", "INDUSTRIAL"),
    ("精密机械", "PRECISION MACHINERY"),
    ("光电", "OPTOELECTRONICS"),
    ("化工", "CHEMICAL"),
    ("医药", "PHARMACEUTICAL"),
    ("新材料", "NEW MATERIAL"),
    ("智能装备", "INTELLIGENT EQUIPMENT"),
]
# ownership -> (CNIPA form, transliterated form); {c}/{C} city, {b}/{B} brand, {i}/{I} industry
CN_FORMS = {
    "SOE": ("{c}市{b}{i}集团有限公司", "{C} {B} {I} GROUP CO., LTD."),
    "POE": ("{c}市{b}{i}有限公司", "{C} {B} {I} CO., LTD."),
    "HMT": ("{b}{i}({c})有限公司", "{B} {I} ({C}) CO., LTD."),
    "FJV": ("{c}{b}{i}有限公司", "{C} {B} {I} CO., LTD."),
    "FOE": ("{b}{i}({c})有限公司", "{B} {I} ({C}) CO., LTD."),
    "COLLECTIVE": ("{c}市{b}{i}厂", "{C} {B} {I} FACTORY"),
}
CN_SURNAMES = [
    ("王", "WANG"),
    ("李", "LI"),
    ("张", "ZHANG"),
    ("刘", "LIU"),
    ("陈", "CHEN"),
    ("杨", "YANG"),
    ("黄", "HUANG"),
    ("赵", "ZHAO"),
    ("吴", "WU"),
    ("周", "ZHOU"),
    ("徐", "XU"),
    ("孙", "SUN"),
    ("马", "MA"),
    ("朱", "ZHU"),
    ("胡", "HU"),
    ("郭", "GUO"),
    ("何", "HE"),
    ("林", "LIN"),
]
CN_GIVEN = [
    ("伟", "Wei"),
    ("芳", "Fang"),
    ("娜", "Na"),
    ("敏", "Min"),
    ("静", "Jing"),
    ("强", "Qiang"),
    ("磊", "Lei"),
    ("军", "Jun"),
    ("洋", "Yang"),
    ("勇", "Yong"),
    ("艳", "Yan"),
    ("杰", "Jie"),
    ("涛", "Tao"),
    ("明", "Ming"),
    ("超", "Chao"),
    ("华", "Hua"),
    ("平", "Ping"),
    ("刚", "Gang"),
]
WESTERN = {
    "US": (
        [
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Garcia",
            "Wilson",
            "Moore",
            "Taylor",
            "Anderson",
            "Thomas",
            "Jackson",
            "Lee",
            "Patel",
            "Nguyen",
            "Chen",
        ],
        [
            "James",
            "Mary",
            "Robert",
            "Patricia",
            "John",
            "Jennifer",
            "Michael",
            "Linda",
            "David",
            "Susan",
            "William",
            "Karen",
            "Daniel",
            "Lisa",
            "Rajesh",
            "Wei",
        ],
    ),
    "DE": (
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann"],
        ["Thomas", "Andreas", "Stefan", "Sabine", "Michael", "Claudia", "Jürgen", "Petra", "Klaus"],
    ),
    "FR": (
        ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy"],
        ["Jean", "Marie", "Pierre", "Nathalie", "Philippe", "Isabelle", "Michel", "Sophie", "Alain"],
    ),
    "GB": (
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts"],
        ["David", "Sarah", "John", "Emma", "Paul", "Helen", "Mark", "Claire", "Andrew"],
    ),
}
JP = (
    ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"],
    ["Hiroshi", "Takashi", "Yuki", "Kenji", "Akira", "Naoko", "Satoshi", "Yoko", "Makoto", "Keiko"],
)
KR = (
    ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"],
    ["Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Su-bin", "Dong-hyun", "Eun-ji", "Sung-ho"],
)
BRAND = [
    "Nova",
    "Vertex",
    "Lumen",
    "Quanta",
    "Apex",
    "Helio",
    "Syntek",
    "Orion",
    "Axon",
    "Polar",
    "Zenith",
    "Cirrus",
    "Vector",
    "Stratus",
    "Kinetic",
    "Meridian",
    "Aurora",
    "Falcon",
    "Nexus",
    "Sigma",
]
BRAND_TAIL = ["tech", "tron", "logic", "gen", "wave", "sys", "cell", "net", "soft", "works", "lab", "metrics"]
JP_BRAND = ["Hikari", "Sakura", "Fuji", "Kaze", "Yama", "Mirai", "Tsubasa", "Asahi", "Kiyo", "Daiwa"]
KR_BRAND = ["Hanil", "Daesung", "Samhwa", "Sejong", "Hanwool", "Mirae", "Dongbang", "Kumho", "Saehan"]
SUFFIX = {
    "US": ["Inc.", "Corporation", "LLC", "Technologies, Inc."],
    "DE": ["GmbH", "AG", "GmbH & Co. KG"],
    "FR": ["SA", "SAS"],
    "GB": ["Ltd", "PLC", "Limited"],
    "JP": ["Co., Ltd.", "Corporation", "K.K."],
    "KR": ["Co., Ltd.", "Electronics Co., Ltd."],
    "TW": ["Corporation", "Co., Ltd.", "Inc."],
    "HK": ["Limited", "(Hong Kong) Limited"],
}
EU_SUFFIX = ["AB", "B.V.", "AG", "S.p.A.", "Oy", "A/S", "AS", "N.V.", "S.L.", "Ltd", "Pty Ltd", "Inc."]


def _pick(seq: Sequence[T], draw: int, salt: int) -> T:
    return seq[(draw >> (salt * 6)) % len(seq)]


def chinese_firm(city_zh: str, city_en: str, ownership: str, draw: int) -> str:
    a, b, c = (_pick(CN_SYLLABLES, draw, k) for k in (0, 1, 2))
    ind = _pick(CN_INDUSTRY, draw, 3)
    zh_form, en_form = CN_FORMS.get(ownership, CN_FORMS["POE"])
    if (draw >> 30) % 10 < 7:  # CNIPA form
        return zh_form.format(c=city_zh, b=f"{a[0]}{b[0]}{c[0]}", i=ind[0])
    brand = f"{a[1]}{b[1].lower()}{c[1].lower()}".upper()
    return en_form.format(C=city_en.upper(), B=brand, I=ind[1])


def person(country: str, draw: int, native_script: bool = True) -> str:
    if country in ("CN", "TW", "HK"):
        s, g1, g2 = _pick(CN_SURNAMES, draw, 0), _pick(CN_GIVEN, draw, 1), _pick(CN_GIVEN, draw, 2)
        if native_script and country == "CN" and (draw >> 40) % 10 < 7:
            return f"{s[0]}{g1[0]}{g2[0] if (draw >> 44) % 2 else ''}"
        return f"{s[1]}, {g1[1]}{g2[1].lower()}"
    sur, given = JP if country == "JP" else KR if country == "KR" else WESTERN.get(country, WESTERN["US"])
    return f"{_pick(given, draw, 1)} {_pick(sur, draw, 0)}"


def organisation(kind: str, country: str, city_en: str, city_zh: str, ownership: str, draw: int) -> str:
    """The name of an applicant of stakeholder type ``kind`` located in a city."""
    if kind == "individual":
        return person(country, draw)
    if country == "CN":
        return _chinese_org(kind, city_en, city_zh, ownership, draw)
    if kind == "university":
        forms = [f"University of {city_en}", f"{city_en} University", f"{city_en} Institute of Technology"]
        return str(_pick(forms, draw, 4))
    if kind == "research_institute":
        forms = ["Research Institute", "Institute for Advanced Technology", "Laboratories"]
        return f"{city_en} {_pick(forms, draw, 4)}"
    if kind == "government":
        return f"City of {city_en}"
    brand = _pick(JP_BRAND if country == "JP" else KR_BRAND if country == "KR" else BRAND, draw, 0)
    tail = "" if country in ("JP", "KR") else _pick(BRAND_TAIL, draw, 1)
    suffix = _pick(SUFFIX.get(country, EU_SUFFIX), draw, 2)
    return f"{brand}{tail} {suffix}"


def _chinese_org(kind: str, city_en: str, city_zh: str, ownership: str, draw: int) -> str:
    english = (draw >> 30) % 10 >= 7
    if kind == "firm":
        return chinese_firm(city_zh, city_en, ownership, draw)
    a, b = _pick(CN_SYLLABLES, draw, 0), _pick(CN_SYLLABLES, draw, 1)
    if kind == "university":
        zh = [f"{city_zh}大学", f"{city_zh}理工大学", f"{city_zh}{a[0]}{b[0]}大学"]
        en = [
            f"{city_en.upper()} UNIVERSITY",
            f"{city_en.upper()} UNIVERSITY OF TECHNOLOGY",
            f"{a[1]}{b[1]} UNIVERSITY",
        ]
        k = (draw >> 20) % 3
        return en[k] if english else zh[k]
    if kind == "research_institute":
        return (
            f"{city_en.upper()} INSTITUTE OF ADVANCED TECHNOLOGY, CHINESE ACADEMY OF SCIENCES"
            if english
            else f"中国科学院{city_zh}{a[0]}{b[0]}研究所"
        )
    return f"{city_en.upper()} MUNICIPAL PEOPLE'S GOVERNMENT" if english else f"{city_zh}市人民政府"

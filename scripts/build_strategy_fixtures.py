"""Generate fixtures/strategies/*.json from the seeds (../shared/seeds); every quoted text must
occur verbatim in its seed. Run: .venv/bin/python scripts/build_strategy_fixtures.py"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "fixtures" / "strategies"
S = {
    n: (SEEDS / f).read_text()
    for n, f in [
        (0, "000_d010f5280f2b9512.txt"),
        (1, "001_b44bf251518190ba.txt"),
        (2, "002_d7a84ebac99afe68.txt"),
        (3, "003_31c93144f9052ca5.txt"),
        (4, "004_bcb8fdbfaa0a11ef.txt"),
    ]
}


def q(seed, text):
    assert text in S[seed], (seed, text)
    return text


def lines(seed, *parts):
    return "\n".join(q(seed, p) for p in parts)


TH = ["province", "38", "2008-08-01"]
HG = ["province", "02", "2008-08-01"]


def ag(name, prov=None):
    return [name, *prov] if prov else [name]


# ---------------------------------------------------------------- agencies
agencies = []


def agency(name, kind, prov, short=""):
    agencies.append(
        {
            "model": "territory.agency",
            "fields": {
                "name": name,
                "short_name": short,
                "kind": kind,
                "province": prov,
                "territory": None,
                "email": "",
            },
        }
    )
    return ag(name, prov)


MOIT = agency("Bộ Công Thương", "ministry", None, "BCT")
TH_UBND = agency(
    "Ủy ban nhân dân tỉnh Thanh Hóa", "provincial_committee", TH, "UBND tỉnh Thanh Hóa"
)
# The DOIT belongs to today's Thanh Hóa (unchanged by the 2025 reform): the access rule adds
# the provinces it succeeded, so the DOIT sees both its 2017 plan and facilities registered
# under today's communes.
TH_TODAY = ["province", "38", "2025-07-01"]
TH_DOIT = agency("Sở Công Thương Thanh Hóa", "doit", TH_TODAY, "Sở Công Thương")
TH_CENTRE = agency(
    "Trung tâm Khuyến công và Tiết kiệm năng lượng Thanh Hóa",
    "centre",
    TH,
    "Trung tâm Khuyến công và TKNL",
)
TH_DOST = agency("Sở Khoa học và Công nghệ Thanh Hóa", "department", TH, "Sở Khoa học và Công nghệ")
TH_DONRE = agency(
    "Sở Tài nguyên và Môi trường Thanh Hóa", "department", TH, "Sở Tài nguyên và Môi trường"
)
TH_DOF = agency("Sở Tài chính Thanh Hóa", "department", TH, "Sở Tài chính")
TH_ZONE = agency(
    "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp",
    "zone_board",
    TH,
    "BQL KKT Nghi Sơn và các KCN",
)
TH_RADIO = agency("Đài Phát thanh và Truyền hình tỉnh Thanh Hóa", "media", TH, "Đài PT-TH tỉnh")
TH_NEWS = agency("Báo Thanh Hóa", "media", TH, "Báo Thanh Hóa")
HG_UBND = agency("Ủy ban nhân dân tỉnh Hà Giang", "provincial_committee", HG, "UBND tỉnh Hà Giang")
HG_DOIT = agency("Sở Công Thương Hà Giang", "doit", HG, "Sở Công Thương")

# ---------------------------------------------------------------- indicators
indicators = []
IND = {}


def indicator(code, name, name_en, unit, source, description=""):
    pk = len(indicators) + 1
    IND[code] = pk
    indicators.append(
        {
            "model": "strategies.indicator",
            "pk": pk,
            "fields": {
                "code": code,
                "name": name,
                "name_en": name_en,
                "unit": unit,
                "source": source,
                "description": description,
            },
        }
    )


indicator(
    "facilities-aware",
    "Cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng sản xuất sạch hơn",
    "Industrial facilities aware of the benefits of cleaner production",
    "percent",
    "computed",
)
indicator(
    "facilities-applying",
    "Cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn",
    "Industrial facilities applying cleaner production",
    "percent",
    "computed",
)
indicator(
    "resource-saving",
    "Mức tiết kiệm năng lượng, nguyên liệu, nhiên liệu, vật liệu trên đơn vị sản phẩm của các cơ sở áp dụng sản xuất sạch hơn",
    "Saving of energy, raw materials, fuel and materials per unit of product among facilities applying cleaner production",
    "percent",
    "computed",
)
indicator(
    "doits-with-officer",
    "Sở Công Thương có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn",
    "Departments of Industry and Trade with a dedicated officer able to guide cleaner production",
    "percent",
    "reported",
    "Tỷ lệ trên cả nước (chỉ tiêu quốc gia).",
)
indicator(
    "doit-has-officer",
    "Sở Công Thương của tỉnh có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn",
    "The province's Department of Industry and Trade has a dedicated officer able to guide cleaner production",
    "boolean",
    "milestone",
    "Chỉ tiêu của một tỉnh, cụ thể hóa tỷ lệ Sở Công Thương có cán bộ chuyên trách.",
)
indicator(
    "enterprises-with-unit",
    "Doanh nghiệp vừa và lớn có bộ phận chuyên trách về sản xuất sạch hơn",
    "Medium and large enterprises with a dedicated cleaner-production unit",
    "percent",
    "computed",
)
indicator(
    "officers-trained",
    "Cán bộ chuyên trách về sản xuất sạch hơn ở các cấp, các ngành được đào tạo, tập huấn",
    "Cleaner-production officers at all levels trained",
    "percent",
    "reported",
)
indicator(
    "enterprises-with-trained-staff",
    "Doanh nghiệp có cán bộ kỹ thuật được tập huấn về sản xuất sạch hơn",
    "Enterprises with technical staff trained in cleaner production",
    "percent",
    "reported",
)
indicator(
    "support-unit-established",
    "Thành lập bộ phận hỗ trợ sản xuất sạch hơn trong công nghiệp",
    "Cleaner-production support unit set up",
    "boolean",
    "milestone",
)
indicator(
    "green-tech-output-share",
    "Giá trị sản phẩm tạo ra từ công nghệ xanh trong giá trị sản xuất công nghiệp",
    "Share of industrial output value produced with green technology",
    "percent",
    "reported",
)
indicator(
    "facilities-meeting-env-standards",
    "Cơ sở sản xuất, kinh doanh đạt tiêu chuẩn về bảo vệ môi trường",
    "Production and business establishments meeting environmental protection standards",
    "percent",
    "reported",
)
indicator(
    "workshops-held",
    "Số hội thảo về sản xuất sạch hơn đã tổ chức",
    "Cleaner-production workshops held",
    "count",
    "reported",
)
indicator(
    "trainings-held",
    "Số khóa đào tạo, tập huấn về sản xuất sạch hơn đã tổ chức",
    "Cleaner-production training courses held",
    "count",
    "reported",
)
indicator(
    "enterprises-trained",
    "Số doanh nghiệp tham gia đào tạo, tập huấn về sản xuất sạch hơn",
    "Enterprises taking part in cleaner-production training",
    "count",
    "reported",
)

# ---------------------------------------------------------------- strategies
docs = []  # strategies.json
plans = []  # plans.json
counters = {}


def add(bucket, model, fields, pk=None):
    counters[model] = counters.get(model, 0) + 1
    pk = pk or counters[model]
    bucket.append({"model": f"strategies.{model}", "pk": pk, "fields": fields})
    return pk


s1419 = add(
    docs,
    "strategy",
    {
        "number": "1419/QĐ-TTg",
        "title": q(0, "Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020"),
        "issuer": "Thủ tướng Chính phủ",
        "issued_on": "2009-09-07",
        "period_start": 2009,
        "period_end": 2020,
        "overall_goal": q(
            0,
            "Sản xuất sạch hơn được áp dụng rộng rãi tại các cơ sở sản xuất công nghiệp nhằm nâng cao hiệu quả sử dụng tài nguyên thiên nhiên, nguyên liệu, nhiên liệu, vật liệu; giảm thiểu phát thải và hạn chế mức độ gia tăng ô nhiễm; bảo vệ và cải thiện chất lượng môi trường, sức khỏe con người và bảo đảm phát triển bền vững.",
        ),
        "source_note": "Quyết định số 1419/QĐ-TTg ngày 07/9/2009 của Thủ tướng Chính phủ phê duyệt "
        "“Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020”. "
        "Năm bắt đầu 2009 là năm ban hành (giai đoạn đầu ghi “từ nay đến năm 2015”).",
    },
)
s1393 = add(
    docs,
    "strategy",
    {
        "number": "1393/QĐ-TTg",
        "title": q(4, "Chiến lược quốc gia về tăng trưởng xanh"),
        "issuer": "Thủ tướng Chính phủ",
        "issued_on": "2012-09-25",
        "period_start": None,
        "period_end": None,
        "overall_goal": "",
        "source_note": "Văn bản nguồn chỉ nêu số, ngày ban hành và tên chiến lược; thời kỳ và các mục "
        "tiêu quốc gia chưa có trong tài liệu.",
    },
)
p2015 = add(
    docs,
    "phase",
    {
        "strategy": s1419,
        "position": 1,
        "name": q(0, "Giai đoạn từ nay đến năm 2015"),
        "start_year": 2009,
        "end_year": 2015,
    },
)
p2020 = add(
    docs,
    "phase",
    {
        "strategy": s1419,
        "position": 2,
        "name": q(0, "Giai đoạn từ năm 2016 đến năm 2020"),
        "start_year": 2016,
        "end_year": 2020,
    },
)


def target(
    bucket,
    indicator_code,
    year,
    vmin,
    vmax,
    text,
    seed,
    *,
    phase=None,
    plan=None,
    localises=None,
    position=0,
):
    return add(
        bucket,
        "target",
        {
            "indicator": IND[indicator_code],
            "phase": phase,
            "plan": plan,
            "year": year,
            "value_min": None if vmin is None else f"{vmin}",
            "value_max": None if vmin is None else f"{vmax if vmax is not None else vmin}",
            "localises": localises,
            "text": q(seed, text) if text else "",
            "position": position,
        },
    )


N = {}
N["aware15"] = target(
    docs,
    "facilities-aware",
    2015,
    50,
    None,
    "50% cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng sản xuất sạch hơn trong công nghiệp",
    0,
    phase=p2015,
    position=1,
)
N["apply15"] = target(
    docs,
    "facilities-applying",
    2015,
    25,
    None,
    "25% cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn",
    0,
    phase=p2015,
    position=2,
)
N["save15"] = target(
    docs,
    "resource-saving",
    2015,
    5,
    8,
    "các cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn tiết kiệm được từ 5 – 8% mức tiêu thụ năng lượng, nguyên liệu, nhiên liệu, vật liệu trên đơn vị sản phẩm",
    0,
    phase=p2015,
    position=3,
)
N["officer15"] = target(
    docs,
    "doits-with-officer",
    2015,
    70,
    None,
    "70% các Sở Công Thương có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn cho các cơ sở sản xuất công nghiệp",
    0,
    phase=p2015,
    position=4,
)
N["aware20"] = target(
    docs,
    "facilities-aware",
    2020,
    90,
    None,
    "90% cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng sản xuất sạch hơn trong công nghiệp",
    0,
    phase=p2020,
    position=1,
)
N["apply20"] = target(
    docs,
    "facilities-applying",
    2020,
    50,
    None,
    "50% cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn",
    0,
    phase=p2020,
    position=2,
)
N["save20"] = target(
    docs,
    "resource-saving",
    2020,
    8,
    13,
    "các cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn tiết kiệm được từ 8 – 13% mức tiêu thụ năng lượng, nguyên liệu, nhiên liệu, vật liệu trên đơn vị sản phẩm",
    0,
    phase=p2020,
    position=3,
)
N["unit20"] = target(
    docs,
    "enterprises-with-unit",
    2020,
    90,
    None,
    "90% doanh nghiệp vừa và lớn có bộ phận chuyên trách về sản xuất sạch hơn",
    0,
    phase=p2020,
    position=4,
)
N["officer20"] = target(
    docs,
    "doits-with-officer",
    2020,
    90,
    None,
    "90% các Sở Công Thương có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn cho các cơ sở sản xuất công nghiệp",
    0,
    phase=p2020,
    position=5,
)


def task(bucket, text, seed, *, strategy=None, plan=None, parent=None, label="", position=0):
    return add(
        bucket,
        "task",
        {
            "strategy": strategy,
            "plan": plan,
            "parent": parent,
            "label": label,
            "position": position,
            "text": q(seed, text),
            "lead_agency": None,
        },
    )


def split_item(raw):
    m = re.match(r"^([a-z])\) (.*)$", raw)
    return (f"{m.group(1)})", m.group(2)) if m else ("", raw)


def tasks_from(bucket, seed, spec, **owner):
    for i, (title, items) in enumerate(spec, start=1):
        parent = task(bucket, title, seed, label=f"{i}.", position=i, **owner)
        for j, item in enumerate(items, start=1):
            label, text = split_item(item)
            task(bucket, text, seed, parent=parent, label=label or "-", position=j, **owner)


# QĐ 1419, section II: the four tasks, quoted line by line.
sec2 = S[0].split("II. NHIỆM VỤ\n")[1].split("III. GIẢI PHÁP")[0].strip().splitlines()
spec, current = [], None
for line in sec2:
    m = re.match(r"^(\d)\. (.*?):?$", line)
    if m:
        current = (m.group(2), [])
        spec.append(current)
    else:
        current[1].append(line)
assert len(spec) == 4 and [len(x[1]) for x in spec] == [0, 2, 3, 0], spec
tasks_from(docs, 0, spec, strategy=s1419)

sec3 = S[0].split("III. GIẢI PHÁP THỰC HIỆN\n")[1].split("Xem toàn bộ")[0].strip().splitlines()
groups, current = [], None
for line in sec3:
    m = re.match(r"^(\d)\. (.*?):?$", line)
    if m:
        current = (m.group(2), [])
        groups.append(current)
    else:
        current[1].append(line)
assert len(groups) == 4 and [len(g[1]) for g in groups] == [3, 4, 4, 4], groups


def solution_groups(bucket, seed, groups, **owner):
    for i, (title, items) in enumerate(groups, start=1):
        g = add(
            bucket,
            "solutiongroup",
            {
                "label": f"{i}.",
                "position": i,
                "title": q(seed, title),
                "strategy": None,
                "plan": None,
                **owner,
            },
        )
        for j, item in enumerate(items, start=1):
            label, text = split_item(item)
            add(
                bucket,
                "solutionitem",
                {"group": g, "label": label, "position": j, "text": q(seed, text)},
            )


solution_groups(docs, 0, groups, strategy=s1419)

SCHEME_BASIS = q(
    0,
    "Phê duyệt về nguyên tắc 5 đề án tại Phụ lục kèm theo Quyết định này nhằm triển khai thực hiện có hiệu quả các mục tiêu, nội dung, nhiệm vụ của Chiến lược.",
)
add(
    docs,
    "scheme",
    {
        "strategy": s1419,
        "position": 1,
        "title": q(1, "Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp"),
        "note": "Tên đề án theo Kế hoạch hành động của tỉnh Thanh Hóa (“Đề án … thuộc Chiến lược”); "
        "Sở Công thương Thanh Hóa triển khai năm 2010 - 2011.",
    },
)
for i in range(2, 6):
    add(docs, "scheme", {"strategy": s1419, "position": i, "title": "", "note": ""})

# ---------------------------------------------------------------- plans
TH_PLAN, HG_PLAN, P2011, P2016, GREEN = 1, 2, 3, 4, 5
th_background = lines(
    1,
    "Thực hiện Quyết định số 1419/QĐ-TTg ngày 07 tháng 9 năm 2009 của Thủ tướng Chính phủ về phê duyệt “Chiến lược sản xuất sạch hơn (SXSH) trong công nghiệp đến năm 2020”, UBND tỉnh đã giao Sở Công thương đấu mối với Hợp phần sản xuất sạch hơn trong công nghiệp (CPI) thuộc Bộ Công thương để triển khai Chiến lược trên địa bàn tỉnh Thanh Hóa.",
    "Năm 2010 - 2011, triển khai Đề án “Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp” thuộc Chiến lược, Sở Công thương (đơn vị được UBND tỉnh giao chủ trì) đã tổ chức 2 hội thảo, 6 khóa đào tạo, tập huấn cho cán bộ các ban, ngành, huyện, thị xã và gần 150 doanh nghiệp trên địa bàn tỉnh ở các nhóm ngành: Chế biến thủy hải sản, nông sản, thực phẩm; Dệt may, da giày; Chế biến lâm sản, thủ công mỹ nghệ; vật liệu xây dựng, ngành khai khoáng. Tham gia Khóa tập huấn này hầu hết là những doanh nghiệp quy mô nhỏ, trình độ công nghệ và sản xuất thấp, tiềm năng áp dụng SXSH lớn. Thông qua các hội thảo, khóa tập huấn, nhận thức của cán bộ quản lý và các doanh nghiệp đã được nâng lên một bước.",
    "Từ năm 2012 đến nay, chiến lược SXSH được lồng ghép trong các Chương trình Khuyến công và Tiết kiệm năng lượng, bảo vệ môi trường, ứng phó biến đổi khí hậu và các chương trình khác.",
)
add(
    plans,
    "actionplan",
    pk=TH_PLAN,
    fields={
        "kind": "plan",
        "title": "Kế hoạch hành động thực hiện Chiến lược sản xuất sạch hơn trong công nghiệp trên địa bàn tỉnh Thanh Hóa đến năm 2020",
        "province": TH,
        "issuer_name": "Ủy ban nhân dân tỉnh Thanh Hóa",
        "issuer": TH_UBND,
        "decision_number": "",
        "issued_on": None,
        "period_start": 2017,
        "period_end": 2020,
        "strategy": s1419,
        "predecessor": None,
        "overall_goal": q(
            1,
            "Sản xuất sạch hơn được áp dụng rộng rãi tại các cơ sở sản xuất công nghiệp nhằm nâng cao hiệu quả sử dụng tài nguyên thiên nhiên, nguyên liệu, nhiên liệu, vật liệu; giảm thiểu phát thải và hạn chế mức độ gia tăng ô nhiễm; bảo vệ và cải thiện chất lượng môi trường, sức khỏe con người và bảo đảm phát triển bền vững.",
        ),
        "background": th_background,
        "viewpoints": "",
        "received_number": "",
        "received_on": None,
        "source_note": "Phần I đánh giá tình hình thực hiện giai đoạn 2009 - 2016; Phần II kế hoạch giai đoạn 2017 - 2020. "
        "Số và ngày quyết định ban hành chưa có trong tài liệu nguồn.",
    },
)
add(
    plans,
    "actionplan",
    pk=HG_PLAN,
    fields={
        "kind": "plan",
        "title": q(
            3,
            "Kế hoạch hành động áp dụng sản xuất sạch hơn trong công nghiệp trên địa bàn tỉnh giai đoạn 2016-2020",
        ),
        "province": HG,
        "issuer_name": "Ủy ban nhân dân tỉnh Hà Giang",
        "issuer": HG_UBND,
        "decision_number": "",
        "issued_on": "2016-05-11",
        "period_start": 2016,
        "period_end": 2020,
        "strategy": s1419,
        "predecessor": None,
        "overall_goal": q(
            3,
            "áp dụng rộng rãi sản xuất sạch hơn (SXSH) tại các cơ sở sản xuất công nghiệp nhằm nâng cao hiệu quả sử dụng tài nguyên, nguyên nhiên liệu, giảm phát thải và cải thiện chất lượng môi trường",
        ),
        "background": "",
        "viewpoints": "",
        "received_number": "",
        "received_on": None,
        "source_note": "Theo tin “Hà Giang ban hành Kế hoạch hành động Sản xuất sạch hơn giai đoạn 2016-2020” "
        "(29/11/2016, Văn phòng CPSI). Số quyết định chưa có trong tài liệu nguồn; bốn nhiệm vụ "
        "trùng nguyên văn với Chiến lược theo Quyết định 1419/QĐ-TTg.",
    },
)
add(
    plans,
    "actionplan",
    pk=P2011,
    fields={
        "kind": "plan",
        "title": q(
            2, "Kế hoạch hành động Sản xuất sạch hơn trong công nghiệp giai đoạn 2011 - 2015"
        ),
        "province": None,
        "issuer_name": "Ủy ban nhân dân tỉnh",
        "issuer": None,
        "decision_number": "2675/QĐ-UBND",
        "issued_on": "2010-12-09",
        "period_start": 2011,
        "period_end": 2015,
        "strategy": None,
        "predecessor": None,
        "overall_goal": q(
            2,
            "nâng cao nhận thức, thúc đẩy áp dụng SXSH, tăng cường hiệu quả sử dụng tài nguyên, nâng cao hiệu quả sản xuất cho cơ sở sản xuất công nghiệp (gọi tắt là cơ sở SXCN) trên địa bàn tỉnh",
        ),
        "background": "",
        "viewpoints": "",
        "received_number": "",
        "received_on": None,
        "source_note": "Chỉ biết qua Kế hoạch giai đoạn 2016 - 2020 kế tiếp. Văn bản nguồn không nêu tên tỉnh "
        "và không nói kế hoạch này thực hiện chiến lược nào.",
    },
)
add(
    plans,
    "actionplan",
    pk=P2016,
    fields={
        "kind": "plan",
        "title": q(
            2, "Kế hoạch hành động sản xuất sạch hơn trong công nghiệp giai đoạn 2016 - 2020"
        ),
        "province": None,
        "issuer_name": "Ủy ban nhân dân tỉnh",
        "issuer": None,
        "decision_number": "",
        "issued_on": None,
        "period_start": 2016,
        "period_end": 2020,
        "strategy": s1419,
        "predecessor": P2011,
        "overall_goal": "",
        "background": lines(
            2,
            "Trong những năm qua, sản xuất công nghiệp trên địa bàn tỉnh hàng năm đều có tăng trưởng khá cao có vai trò quan trọng trong quá trình phát triển kinh tế - xã hội của tỉnh. Cùng với sự phát triển của ngành công nghiệp thường đi đôi với vấn đề ô nhiễm môi trường ngày càng gia tăng; Luật Bảo vệ Môi trường năm 2014 ra đời tạo hành lang pháp lý trong công tác quản lý, bảo vệ môi trường nhưng phần lớn các cơ sở sản xuất công nghiệp hiện nay chưa đáp ứng các quy định về bảo vệ môi trường. Vì vậy, việc áp dụng thực hiện các hoạt động sản xuất sạch hơn (gọi tắt là SXSH) từng bước nâng cao chất lượng môi trường trong sản xuất công nghiệp, góp phần phát triển kinh tế - xã hội bền vững, nâng cao chất lượng cuộc sống nhân dân là hết sức cần thiết.",
            "Năm 2010, Ủy ban nhân dân tỉnh đã ban hành “Kế hoạch hành động Sản xuất sạch hơn trong công nghiệp giai đoạn 2011 - 2015” tại Quyết định số 2675/QĐ-UBND ngày 09/12/2010 nhằm nâng cao nhận thức, thúc đẩy áp dụng SXSH, tăng cường hiệu quả sử dụng tài nguyên, nâng cao hiệu quả sản xuất cho cơ sở sản xuất công nghiệp (gọi tắt là cơ sở SXCN) trên địa bàn tỉnh. Hiệu quả của việc áp dụng SXSH không chỉ giải quyết về ô nhiễm môi trường mà còn mang lại lợi ích kinh tế rất lớn cho cơ sở SXCN.",
            "Để thực hiện có hiệu quả các nội dung và nhiệm vụ của “Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020” đã được Thủ tướng Chính phủ ban hành tại Quyết định số 1419/QĐ-TTg ngày 7/9/2009, Ủy ban nhân dân tỉnh tiếp tục ban hành “Kế hoạch hành động sản xuất sạch hơn trong công nghiệp giai đoạn 2016 - 2020” nhằm huy động các nguồn lực thúc đẩy việc triển khai áp dụng SXSH, nâng cao hiệu quả sử dụng nguyên, nhiên, vật liệu, năng lượng, giảm phát thải góp phần thực hiện mục tiêu hướng đến nền công nghiệp xanh trên địa bàn tỉnh.",
        ),
        "viewpoints": q(
            2,
            "- SXSH được áp dụng rộng rãi tại các cơ sở SXCN, đặc biệt chú trọng vào các cơ sở SXCN có nguy cơ ô nhiễm cao, nhất là các ngành công nghiệp trọng điểm.",
        ),
        "received_number": "1918",
        "received_on": "2016-03-02",
        "source_note": "Văn bản nguồn không nêu tên tỉnh, số và ngày quyết định ban hành; tài liệu chỉ còn phần "
        "“Sự cần thiết” và đầu phần “Quan điểm và mục tiêu”, chưa có các mục tiêu cụ thể.",
    },
)
add(
    plans,
    "actionplan",
    pk=GREEN,
    fields={
        "kind": "programme",
        "title": q(
            4, "Chương trình hành động Chiến lược tăng trưởng xanh thuộc lĩnh vực công thương"
        ),
        "province": None,
        "issuer_name": "Sở Công thương",
        "issuer": None,
        "decision_number": "",
        "issued_on": None,
        "period_start": None,
        "period_end": 2020,
        "strategy": s1393,
        "predecessor": None,
        "overall_goal": q(
            4,
            "Mục tiêu của phát triển xanh ngành công nghiệp là khuyến khích phát triển, sử dụng hiệu quả năng lượng và tài nguyên, tạo ra giá trị tăng cao. Ứng dụng công nghệ tiên tiến, công nghệ xanh và sản xuất sạch hơn nhằm sử dụng hiệu quả tài nguyên thiên nhiên, tạo ra các sản phẩm xanh, giảm cường độ phát thải khí nhà kính góp phần ứng phó hiệu quả với biến đổi khí hậu. Nâng cao đời sống nhân dân, xây dựng lối sống thân thiện với môi trường.",
        ),
        "background": "",
        "viewpoints": "",
        "received_number": "",
        "received_on": None,
        "source_note": "Tin đăng ngày 14/11/2012, nguồn: Phòng Quản lý Công nghiệp. Văn bản không nêu tên tỉnh, "
        "số và ngày ban hành chương trình.",
    },
)

# Thanh Hóa: review figures, targets, tasks, funding, assignments, reporting rule
REVIEW = "Năm 2010 - 2011, triển khai Đề án “Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp” thuộc Chiến lược, Sở Công thương (đơn vị được UBND tỉnh giao chủ trì) đã tổ chức 2 hội thảo, 6 khóa đào tạo, tập huấn cho cán bộ các ban, ngành, huyện, thị xã và gần 150 doanh nghiệp trên địa bàn tỉnh"
for i, (code, value, approx, text) in enumerate(
    [
        ("workshops-held", 2, False, "2 hội thảo"),
        ("trainings-held", 6, False, "6 khóa đào tạo, tập huấn"),
        ("enterprises-trained", 150, True, "gần 150 doanh nghiệp"),
    ],
    start=1,
):
    q(1, REVIEW)
    add(
        plans,
        "reviewfigure",
        {
            "plan": TH_PLAN,
            "position": i,
            "indicator": IND[code],
            "value": str(value),
            "is_approximate": approx,
            "year_from": 2010,
            "year_to": 2011,
            "text": q(1, text),
        },
    )

target(
    plans,
    "facilities-aware",
    2020,
    90,
    None,
    "90% cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng sản xuất sạch hơn trong công nghiệp",
    1,
    plan=TH_PLAN,
    localises=N["aware20"],
    position=1,
)
target(
    plans,
    "facilities-applying",
    2020,
    50,
    None,
    "50% cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn",
    1,
    plan=TH_PLAN,
    localises=N["apply20"],
    position=2,
)
target(
    plans,
    "resource-saving",
    2020,
    8,
    13,
    "các cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn tiết kiệm được từ 8 - 13% mức tiêu thụ năng lượng, nguyên liệu, nhiên liệu, vật liệu trên đơn vị sản phẩm",
    1,
    plan=TH_PLAN,
    localises=N["save20"],
    position=3,
)
target(
    plans,
    "enterprises-with-unit",
    2020,
    90,
    None,
    "90% doanh nghiệp vừa và lớn có bộ phận chuyên trách về sản xuất sạch hơn",
    1,
    plan=TH_PLAN,
    localises=N["unit20"],
    position=4,
)
target(
    plans,
    "officers-trained",
    2020,
    100,
    None,
    "100% cán bộ chuyên trách về SXSH ở các cấp, các ngành trên địa bàn tỉnh được đào tạo, tập huấn kiến thức về áp dụng SXSH trong công nghiệp",
    1,
    plan=TH_PLAN,
    position=5,
)
target(
    plans,
    "support-unit-established",
    2020,
    None,
    None,
    "Thành lập bộ phận hỗ trợ sản xuất sạch hơn trong công nghiệp trực thuộc Trung tâm Khuyến công và Tiết kiệm năng lượng - Sở Công thương Thanh Hóa",
    1,
    plan=TH_PLAN,
    position=6,
)

sec = S[1].split("II. NHIỆM VỤ VÀ GIẢI PHÁP\n")[1].split("4. Nguồn kinh phí")[0]
th_spec, current = [], None
for line in [x for x in sec.splitlines() if x.strip()]:
    m = re.match(r"^(\d)\. (.*)$", line)
    if m:
        current = (m.group(2), [])
        th_spec.append(current)
    else:
        assert line.startswith("- "), line
        current[1].append(line[2:])
assert [len(x[1]) for x in th_spec] == [3, 3, 3], th_spec
tasks_from(plans, 1, th_spec, plan=TH_PLAN)

for i, (kind, text) in enumerate(
    [
        (
            "central_budget",
            "Ngân sách Trung ương: Theo hướng dẫn hàng năm của Bộ Công thương triển khai để thực hiện “Chiến lược SXSH trong công nghiệp đến năm 2020”;",
        ),
        (
            "provincial_budget",
            "Ngân sách tỉnh: Từ các nguồn kinh phí sự nghiệp môi trường, kinh phí sự nghiệp khoa học công nghệ, kinh phí khuyến công;",
        ),
        (
            "enterprise",
            "Vốn doanh nghiệp: Các doanh nghiệp có trách nhiệm bố trí kinh phí để đầu tư triển khai thực hiện SXSH tại đơn vị;",
        ),
        (
            "aid_and_other",
            "Huy động từ các nguồn kinh phí viện trợ, tài trợ của các tổ chức trong và ngoài nước, các nguồn vốn khác theo quy định của pháp luật.",
        ),
    ],
    start=1,
):
    add(plans, "fundingsource", {"plan": TH_PLAN, "position": i, "kind": kind, "text": q(1, text)})

org = S[1].split("III. TỔ CHỨC THỰC HIỆN\n")[1].split("Định kỳ hàng năm")[0]
items = re.split(r"\n(?=\d\. )", "\n" + org.strip())
items = [x.strip() for x in items if x.strip()]
assert len(items) == 8, items
TH_ASSIGN = [
    # (assignee as written, agencies, covers_kind, role)
    ("Sở Công thương", [TH_DOIT], "", "lead"),
    ("Sở Khoa học và Công nghệ", [TH_DOST], "", "lead"),
    ("Sở Tài nguyên và Môi trường", [TH_DONRE], "", "coordinating"),
    ("Sở Tài chính", [TH_DOF], "", "lead"),
    ("Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp", [TH_ZONE], "", "implementing"),
    ("Ủy ban nhân dân các huyện, thành phố, thị xã", [], "district_committee", "coordinating"),
    ("Đài Phát thanh và Truyền hình tỉnh, Báo Thanh Hóa", [TH_RADIO, TH_NEWS], "", "coordinating"),
    ("Các cơ sở sản xuất công nghiệp trên địa bàn tỉnh", [], "", "implementing"),
]
for i, (item, (assignee, agency_keys, covers, role)) in enumerate(zip(items, TH_ASSIGN), start=1):
    head = f"{i}. {assignee}"
    assert item.startswith(head), (item, head)
    rest = item[len(head) :].strip()
    if rest.startswith(":"):
        duties = rest[1:].strip()
    else:
        duties = "\n".join(x.strip() for x in rest.splitlines() if x.strip())
    for part in duties.splitlines():
        q(1, part)
    add(
        plans,
        "agencyassignment",
        {
            "plan": TH_PLAN,
            "position": i,
            "assignee": q(1, assignee),
            "agencies": agency_keys,
            "covers_kind": covers,
            "role": role,
            "duties": duties,
        },
    )

add(
    plans,
    "reportingrule",
    {
        "plan": TH_PLAN,
        "text": q(
            1,
            "Định kỳ hàng năm, UBND các huyện, thành phố, thị xã, tổng kết tình hình thực hiện trên địa bàn quản lý, báo cáo kết quả về Sở Công thương trước ngày 15 tháng 12, để Sở Công thương tổng hợp, báo cáo Bộ Công thương, UBND tỉnh./.",
        ),
        "reporting_units": [],
        "reporting_unit_kind": "district_committee",
        "recipient": TH_DOIT,
        "forwarded_to": [MOIT, TH_UBND],
        "deadline_day": 15,
        "deadline_month": 12,
    },
)

# Hà Giang
target(
    plans,
    "facilities-aware",
    2020,
    90,
    None,
    "90% cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng SXSH trong công nghiệp",
    3,
    plan=HG_PLAN,
    localises=N["aware20"],
    position=1,
)
target(
    plans,
    "facilities-applying",
    2020,
    50,
    None,
    "50% cơ sở sản xuất công nghiệp áp dụng SXSH",
    3,
    plan=HG_PLAN,
    localises=N["apply20"],
    position=2,
)
target(
    plans,
    "resource-saving",
    2020,
    8,
    13,
    "các cơ sở sản xuất công nghiệp áp dụng SXSH tiết kiệm được từ 8-13% mức tiêu thụ năng lương, nguyên nhiên vật liệu trên đơn vị sản phẩm",
    3,
    plan=HG_PLAN,
    localises=N["save20"],
    position=3,
)
target(
    plans,
    "enterprises-with-trained-staff",
    2020,
    50,
    None,
    "50% doanh nghiệp có cán bộ kỹ thuật được tập huấn về SXSH",
    3,
    plan=HG_PLAN,
    position=4,
)
target(
    plans,
    "doit-has-officer",
    2020,
    None,
    None,
    "Sở Công Thương có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng SXSH cho các cơ sở sản xuất công nghiệp",
    3,
    plan=HG_PLAN,
    localises=N["officer20"],
    position=5,
)

hg_tasks = [
    "Tuyên truyền, giáo dục nâng cao nhận thức về SXSH trong công nghiệp cho các cấp, ngành, địa phương, cơ sở sản xuất công nghiệp và cộng đồng dân cư",
    "Hoàn thiện hệ thống cơ chế, chính sách, pháp luật thúc đẩy sản xuất sạch hơn trong công nghiệp",
    "Nâng cao năng lực cho các cơ quan quản lý, tổ chức tư vấn và cơ sở sản xuất công nghiệp trong việc áp dụng sản xuất sạch hơn",
    "Phát triển mạng lưới các tổ chức hỗ trợ sản xuất sạch hơn trong công nghiệp",
]
tasks_from(plans, 3, [(t, []) for t in hg_tasks], plan=HG_PLAN)
hg_groups = []
for line in S[3].splitlines():
    if line.startswith("- Giải pháp về "):
        title, rest = line[2:].split(": ", 1)
        hg_groups.append((title, [x.strip().rstrip(".") for x in rest.split(";") if x.strip()]))
assert len(hg_groups) == 5, hg_groups
solution_groups(plans, 3, hg_groups, plan=HG_PLAN)
add(
    plans,
    "agencyassignment",
    {
        "plan": HG_PLAN,
        "position": 1,
        "assignee": "Sở Công Thương",
        "agencies": [HG_DOIT],
        "covers_kind": "",
        "role": "lead",
        "duties": q(
            3,
            "là đầu mối chủ trì, phối hợp với các sở, ban, ngành chức năng có liên quan và UBND các huyện, thành phố tổ chức thực hiện các nội dung, nhiệm vị của Kế hoạch.",
        ),
    },
)

# Green-growth programme (seed 004)
target(
    plans,
    "green-tech-output-share",
    2020,
    40,
    45,
    "Giá trị sản phẩm tạo ra từ công nghệ xanh chiếm 40% đến 45% giá trị sản xuất công nghiệp",
    4,
    plan=GREEN,
    position=1,
)
target(
    plans,
    "facilities-meeting-env-standards",
    2020,
    70,
    75,
    "70% đến 75% các cơ sở sản xuất, kinh doanh đạt tiêu chuẩn về bảo vệ môi trường",
    4,
    plan=GREEN,
    position=2,
)
target(
    plans,
    "facilities-applying",
    2020,
    30,
    40,
    "30% đến 40% cơ sở sản xuất trên địa bàn áp dụng sản xuất sạch hơn",
    4,
    plan=GREEN,
    position=3,
)

body = S[4].split("Để đạt được mục tiêu trên ngành công thương có các kế hoạch hành động:")[1]
body = body.split("Nguồn:")[0]
paras = [p.strip() for p in body.split("\n\n") if p.strip()]
numbered = [p for p in paras if re.match(r"^\d\. ", p)]
assert len(numbered) == 4
green_spec = []
for p in paras:
    m = re.match(r"^(\d)\. (.*)$", p, re.S)
    if m:
        green_spec.append([m.group(2), []])
    else:
        green_spec[-1][1].append(p)
# Item 4 ends with the solutions; keep them as a solution group, not in the task text.
t4, sol = green_spec[3][0].split(" Để thực hiện kế hoạch hành động cần có các giải pháp: ")
green_spec[3][0] = t4
assert [len(x[1]) for x in green_spec] == [0, 0, 6, 0], green_spec
for i, (title, subitems) in enumerate(green_spec, start=1):
    parent = task(plans, title, 4, plan=GREEN, label=f"{i}.", position=i)
    for j, item in enumerate(subitems, start=1):
        task(plans, item, 4, plan=GREEN, parent=parent, label="-", position=j)
solution_groups(
    plans,
    4,
    [
        (
            "Để thực hiện kế hoạch hành động cần có các giải pháp",
            [x.strip().rstrip(".") for x in sol.split(";") if x.strip()],
        )
    ],
    plan=GREEN,
)

for name, data in [
    ("agencies", agencies),
    ("indicators", indicators),
    ("strategies", docs),
    ("plans", plans),
]:
    (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    print(name, len(data))

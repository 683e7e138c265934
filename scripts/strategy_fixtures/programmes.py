"""strategies.json: the national strategies (QĐ 1419, QĐ 1393), their phases, targets,
tasks, solution groups and schemes."""

import re
from typing import NamedTuple

from .rows import add, solution_groups, target, tasks_from
from .seeds import S, q


class Programmes(NamedTuple):
    rows: list
    s1419: int
    s1393: int
    # the national targets the provincial plans localise, by short name
    N: dict


def build():
    docs = []
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

    solution_groups(docs, 0, groups, strategy=s1419)

    # No field holds the sentence approving the five schemes, but the five rows below rest on it,
    # so it must still be in the seed.
    q(
        0,
        "Phê duyệt về nguyên tắc 5 đề án tại Phụ lục kèm theo Quyết định này nhằm triển khai thực hiện có hiệu quả các mục tiêu, nội dung, nhiệm vụ của Chiến lược.",
    )
    add(
        docs,
        "scheme",
        {
            "strategy": s1419,
            "position": 1,
            "title": q(
                1, "Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp"
            ),
            "note": "Tên đề án theo Kế hoạch hành động của tỉnh Thanh Hóa (“Đề án … thuộc Chiến lược”); "
            "Sở Công thương Thanh Hóa triển khai năm 2010 - 2011.",
        },
    )
    for i in range(2, 6):
        add(docs, "scheme", {"strategy": s1419, "position": i, "title": "", "note": ""})
    return Programmes(docs, s1419, s1393, N)

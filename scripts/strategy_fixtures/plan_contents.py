"""The plans' contents: targets, tasks, solutions, funding, assignments and reporting."""

import re

from .agencies import (
    HG_DOIT,
    MOIT,
    TH_DOF,
    TH_DOIT,
    TH_DONRE,
    TH_DOST,
    TH_NEWS,
    TH_RADIO,
    TH_UBND,
    TH_ZONE,
)
from .indicators import IND
from .plans import GREEN, HG_PLAN, TH_PLAN
from .rows import add, solution_groups, target, task, tasks_from
from .seeds import S, q


def thanh_hoa(plans, N):
    """Review figures, targets, tasks, funding, assignments, reporting rule."""
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
        add(
            plans,
            "fundingsource",
            {"plan": TH_PLAN, "position": i, "kind": kind, "text": q(1, text)},
        )

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
        (
            "Đài Phát thanh và Truyền hình tỉnh, Báo Thanh Hóa",
            [TH_RADIO, TH_NEWS],
            "",
            "coordinating",
        ),
        ("Các cơ sở sản xuất công nghiệp trên địa bàn tỉnh", [], "", "implementing"),
    ]
    for i, (item, (assignee, agency_keys, covers, role)) in enumerate(
        zip(items, TH_ASSIGN), start=1
    ):
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


def ha_giang(plans, N):
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


def green_growth(plans):
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

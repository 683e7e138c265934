"""plans.json: the provincial action plans and the green-growth programme, each plan's
header (its contents are in plan_contents)."""

from .agencies import HG, HG_UBND, TH, TH_UBND
from .rows import add
from .seeds import lines, q

TH_PLAN, HG_PLAN, P2011, P2016, GREEN = 1, 2, 3, 4, 5


def build(programmes):
    s1419, s1393 = programmes.s1419, programmes.s1393
    plans = []
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
    return plans

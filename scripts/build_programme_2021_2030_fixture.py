"""Generate fixtures/strategies/programme_2021_2030.json: QĐ 889/QĐ-TTg (24/06/2020), the
National Action Programme on Sustainable Production and Consumption 2021–2030, and the
Ministry's own plan implementing it, QĐ 3529/QĐ-BCT (30/12/2020).

Every quoted text below is copied from the public source named next to it (SOURCES); the
fixture records those addresses in the documents' source notes. Where the public text at
hand does not give a part (the task list of QĐ 889, the body of QĐ 3529), the part is left
out and the note says so: nothing is filled in from memory.

Objects carry primary keys from 1001 on, clear of the seed documents (1–99), so that
loading the fixture never overwrites a seed document. New indicators are named by their
code (natural key), and shared ones (none yet mean exactly the same as a 2009–2020
indicator) would be reused by code.

Run: .venv/bin/python scripts/build_programme_2021_2030_fixture.py
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "strategies" / "programme_2021_2030.json"

SOURCES = {
    "tvpl": "https://thuvienphapluat.vn/van-ban/Thuong-mai/Quyet-dinh-889-QD-TTg-2020-phe-duyet-"
    "Chuong-trinh-hanh-dong-quoc-gia-san-xuat-2021-2030-445790.aspx",
    "dnth": "https://doanhnghiepthuonghieu.vn/chuong-trinh-hanh-dong-quoc-gia-ve-san-xuat-va-"
    "tieu-dung-ben-vung-p22803.html",
    "scp": "https://scp.gov.vn/Images/Upload/User/hanguyen/2020/7/889.signed.pdf",
    "dongnai": "http://diza.dongnai.gov.vn/en/Pages/newsdetail.aspx?NewsId=1980&CatId=101",
    "tvpl3529": "https://thuvienphapluat.vn/van-ban/thuong-mai/quyet-dinh-3529-qd-bct-2020-"
    "chuong-trinh-hanh-dong-ve-san-xuat-va-tieu-dung-ben-vung-468931.aspx",
}

STRATEGY_889 = 1001
PHASE_2025, PHASE_2030 = 1001, 1002
PLAN_3529 = 1001

rows = []


def add(model, pk, fields):
    entry = {"model": model, "fields": fields}
    if pk is not None:
        entry["pk"] = pk
    rows.append(entry)


# ---------------------------------------------------------------- indicators (by code)
INDICATORS = [
    (
        "industry-material-consumption-cut",
        "Mức giảm tiêu hao nguyên liệu, nhiên liệu, vật liệu của các ngành sản xuất chính "
        "(dệt may, thép, nhựa, hóa chất, xi măng, rượu bia nước giải khát, giấy, chế biến "
        "thủy hải sản)",
        "Cut in raw material, fuel and material consumption of the main industries (textiles, "
        "steel, plastics, chemicals, cement, beer and beverages, paper, seafood processing)",
        "percent",
        "reported",
        "Đo trên toàn ngành, khác với mức tiết kiệm trên đơn vị sản phẩm của riêng các cơ sở "
        "áp dụng sản xuất sạch hơn (chỉ tiêu “resource-saving” của QĐ 1419/QĐ-TTg).",
    ),
    (
        "parks-clusters-villages-scp-aware",
        "Khu công nghiệp, cụm công nghiệp, làng nghề được phổ biến, nâng cao nhận thức về sản "
        "xuất và tiêu dùng bền vững",
        "Industrial parks, industrial clusters and craft villages reached by awareness raising "
        "on sustainable production and consumption",
        "percent",
        "reported",
        "",
    ),
    (
        "scp-models-applied",
        "Số mô hình sản xuất và tiêu dùng bền vững được xây dựng, áp dụng",
        "Sustainable production and consumption models built and applied",
        "count",
        "reported",
        "",
    ),
    (
        "provinces-scp-lifestyle-campaigns",
        "Tỉnh, thành phố trực thuộc trung ương tổ chức tuyên truyền, phổ biến nâng cao nhận "
        "thức về lối sống, tiêu dùng bền vững",
        "Provinces and centrally-run cities running campaigns on sustainable lifestyles and "
        "consumption",
        "percent",
        "reported",
        "Tỷ lệ trên cả nước (chỉ tiêu quốc gia).",
    ),
    (
        "provinces-with-scp-plan",
        "Tỉnh, thành phố trực thuộc trung ương xây dựng kế hoạch hành động thực hiện Chương "
        "trình hoặc lồng ghép nội dung Chương trình vào văn bản của địa phương",
        "Provinces and centrally-run cities with an action plan implementing the Programme (or "
        "its content built into local policy documents)",
        "percent",
        "reported",
        "Tỷ lệ trên cả nước (chỉ tiêu quốc gia).",
    ),
    (
        "supermarkets-eco-packaging",
        "Siêu thị, trung tâm thương mại sử dụng sản phẩm bao bì thân thiện môi trường thay "
        "thế bao bì nhựa dùng một lần, khó phân hủy",
        "Supermarkets and shopping centres using eco-friendly packaging instead of single-use, "
        "hardly degradable plastic packaging",
        "percent",
        "reported",
        "",
    ),
    (
        "scp-policy-completed",
        "Hoàn thiện và thực thi có hiệu quả chính sách pháp luật về sản xuất và tiêu dùng bền vững",
        "Laws and policies on sustainable production and consumption completed and enforced",
        "boolean",
        "milestone",
        "",
    ),
]
for code, name, name_en, measure_unit, source, description in INDICATORS:
    add(
        "strategies.indicator",
        None,
        {
            "code": code,
            "name": name,
            "name_en": name_en,
            "measure_unit": measure_unit,
            "source": source,
            "description": description,
        },
    )

# ---------------------------------------------------------------- QĐ 889/QĐ-TTg
add(
    "strategies.strategy",
    STRATEGY_889,
    {
        "number": "889/QĐ-TTg",
        "title": "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn "
        "2021 - 2030",
        "issuer": "Thủ tướng Chính phủ",
        "issued_on": "2020-06-24",
        "period_start": 2021,
        "period_end": 2030,
        # dnth quotes the overall goal; congthuong.vn quotes the same sentence in full.
        "overall_goal": "Thúc đẩy quản lý, khai thác và sử dụng hiệu quả, bền vững tài nguyên, "
        "nhiên liệu, nguyên vật liệu, khuyến khích phát triển các nguồn tài nguyên, nhiên liệu, "
        "nguyên vật liệu và sản phẩm thân thiện môi trường, có thể tái tạo, tái sử dụng và tái "
        "chế; thúc đẩy sản xuất và tiêu dùng bền vững trên nền tảng đổi mới, sáng tạo, thực "
        "hành và phát triển các mô hình sản xuất và tiêu dùng bền vững, đẩy mạnh sản xuất và "
        "tiêu dùng nội địa bền vững, tạo việc làm ổn định và việc làm xanh, thúc đẩy lối sống "
        "bền vững và nâng cao chất lượng cuộc sống người dân, hướng đến phát triển nền kinh tế "
        "tuần hoàn ở Việt Nam.",
        "source_note": "Quyết định số 889/QĐ-TTg ngày 24/06/2020 của Thủ tướng Chính phủ (Phó "
        "Thủ tướng Trịnh Đình Dũng ký) phê duyệt Chương trình hành động quốc gia về sản xuất và "
        "tiêu dùng bền vững giai đoạn 2021 - 2030, thay thế Quyết định số 76/QĐ-TTg ngày "
        "11/01/2016. Bản gốc (ký số) được công bố tại " + SOURCES["scp"] + "; các đoạn trích ở "
        "đây lấy từ " + SOURCES["tvpl"] + " và " + SOURCES["dnth"] + ", chưa đối chiếu với bản "
        "gốc; "
        "chỉ tiêu tuyên truyền giai đoạn 2021 - 2025 (80%) theo bản tiếng Anh tại "
        + SOURCES["dongnai"]
        + ". Danh mục nhiệm vụ, giải pháp của Chương trình chưa được nạp: các trích đoạn "
        "văn bản nguồn hiện có không chứa đủ phần này.",
    },
)
add(
    "strategies.phase",
    PHASE_2025,
    {
        "strategy": STRATEGY_889,
        "position": 1,
        "name": "Giai đoạn 2021 - 2025",
        "start_year": 2021,
        "end_year": 2025,
    },
)
add(
    "strategies.phase",
    PHASE_2030,
    {
        "strategy": STRATEGY_889,
        "position": 2,
        "name": "Giai đoạn 2026 - 2030",
        "start_year": 2026,
        "end_year": 2030,
    },
)

# (pk, indicator, phase, year, min, max, text). min None: a milestone.
TARGETS = [
    (
        1001,
        "industry-material-consumption-cut",
        PHASE_2025,
        2025,
        5,
        8,
        "giảm 5-8% mức tiêu hao nguyên nhiên vật liệu của các ngành sản xuất, cụ thể dệt may, "
        "thép, nhựa, hóa chất, xi măng, rượu bia nước giải khát, giấy và chế biến thủy hải sản",
    ),
    (
        1002,
        "parks-clusters-villages-scp-aware",
        PHASE_2025,
        2025,
        70,
        70,
        "70% các khu, cụm công nghiệp, làng nghề được phổ biến, nâng cao nhận thức về sản xuất "
        "và tiêu dùng bền vững",
    ),
    (
        1003,
        "scp-models-applied",
        PHASE_2025,
        2025,
        20,
        30,
        "xây dựng, áp dụng 20-30 mô hình sản xuất và tiêu dùng bền vững",
    ),
    (
        1004,
        "provinces-scp-lifestyle-campaigns",
        PHASE_2025,
        2025,
        80,
        80,
        # Only the English text (dongnai) gives this figure; the wording follows the 2030 one.
        "80% tỉnh, thành phố trực thuộc trung ương tổ chức tuyên truyền, phổ biến nâng cao "
        "nhận thức về lối sống, tiêu dùng bền vững (theo bản tiếng Anh của văn bản)",
    ),
    (
        1005,
        "supermarkets-eco-packaging",
        PHASE_2025,
        2025,
        85,
        85,
        "85% các siêu thị, trung tâm thương mại phân phối, sử dụng sản phẩm bao bì thân thiện "
        "môi trường thay thế dần cho sản phẩm bao bì nhựa dùng một lần, khó phân hủy",
    ),
    (
        1006,
        "industry-material-consumption-cut",
        PHASE_2030,
        2030,
        7,
        10,
        "Giảm 7-10% mức tiêu hao nguyên nhiên vật liệu của các ngành sản xuất chính như dệt "
        "may, thép, nhựa, hóa chất, xi măng, rượu bia nước giải khát",
    ),
    (
        1007,
        "parks-clusters-villages-scp-aware",
        PHASE_2030,
        2030,
        100,
        100,
        "100% các khu, cụm công nghiệp, làng nghề được phổ biến, nâng cao nhận thức về sản "
        "xuất và tiêu dùng bền vững",
    ),
    (
        1008,
        "provinces-scp-lifestyle-campaigns",
        PHASE_2030,
        2030,
        100,
        100,
        "100% tỉnh, thành phố trực thuộc trung ương tổ chức tuyên truyền, phổ biến nâng cao "
        "nhận thức về lối sống, tiêu dùng bền vững",
    ),
    (
        1009,
        "provinces-with-scp-plan",
        PHASE_2030,
        2030,
        90,
        90,
        "90% tỉnh, thành phố trực thuộc trung ương xây dựng kế hoạch hành động thực hiện "
        "Chương trình hoặc lồng ghép nội dung thực hiện Chương trình vào các văn bản chính "
        "sách, pháp luật tại địa phương",
    ),
    (
        1010,
        "supermarkets-eco-packaging",
        PHASE_2030,
        2030,
        100,
        100,
        "100% các siêu thị, trung tâm thương mại sử dụng sản phẩm bao bì thân thiện môi trường "
        "thay thế cho sản phẩm bao bì nhựa sử dụng một lần, khó phân hủy",
    ),
    (
        1011,
        "scp-policy-completed",
        PHASE_2030,
        2030,
        None,
        None,
        "Hoàn thiện và thực thi có hiệu quả chính sách pháp luật về sản xuất và tiêu dùng bền vững",
    ),
]
TARGET_PK = {}
for position, (pk, code, phase, year, vmin, vmax, text) in enumerate(TARGETS, start=1):
    TARGET_PK[(code, year)] = pk
    add(
        "strategies.target",
        pk,
        {
            "indicator": [code],
            "phase": phase,
            "plan": None,
            "year": year,
            "value_min": None if vmin is None else str(vmin),
            "value_max": None if vmin is None else str(vmax),
            "localises": None,
            "text": text,
            "position": position,
        },
    )

# ---------------------------------------------------------------- QĐ 3529/QĐ-BCT
add(
    "strategies.actionplan",
    PLAN_3529,
    {
        "kind": "plan",
        "title": "Kế hoạch hành động của Bộ Công Thương thực hiện Chương trình hành động quốc "
        "gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2030",
        "province": None,
        "issuer_name": "Bộ Công Thương",
        "issuer": ["Bộ Công Thương"],
        "decision_number": "3529/QĐ-BCT",
        "issued_on": "2020-12-30",
        "period_start": 2021,
        "period_end": 2030,
        "strategy": STRATEGY_889,
        "predecessor": None,
        "overall_goal": "",
        "background": "Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng "
        "Chính phủ phê duyệt Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững "
        "giai đoạn 2021-2030; theo đề nghị của Vụ trưởng Vụ Tiết kiệm năng lượng và Phát triển "
        "bền vững.",
        "viewpoints": "",
        "received_number": "",
        "received_on": None,
        "source_note": "Quyết định số 3529/QĐ-BCT ngày 30/12/2020 của Bộ trưởng Bộ Công Thương "
        "(Trần Tuấn Anh ký), có hiệu lực từ ngày ký; Điều 3 giao Giám đốc Sở Công Thương các "
        "tỉnh, thành phố trực thuộc Trung ương thi hành. Nguồn: " + SOURCES["tvpl3529"] + ". "
        "Nội dung chi tiết của Kế hoạch (mục tiêu, nhiệm vụ, phân công) chưa được nạp: trích "
        "đoạn văn bản nguồn hiện có chỉ gồm phần quyết định.",
    },
)

OUT.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
print(OUT.name, len(rows))

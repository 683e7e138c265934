"""territory.agency rows: the issuers and assignees the plans name. Each constant is the
agency's natural key, as the plans' rows refer to it."""

# The provinces' natural keys as they stood when the plans were issued (before the 2025 reform).
TH = ["province", "38", "2008-08-01"]
HG = ["province", "02", "2008-08-01"]


def ag(name, prov=None):
    return [name, *prov] if prov else [name]


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

"""A tile-grid cartogram of today's 34 provinces, north at the top.

Drawn by hand for this portal (no map shapes, no licence to honour, nothing fetched): one
square per province at a (column, row) that follows the country's shape. The archipelagos
of Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) are drawn as tiles of their own, coloured
as the city and province they belong to. Keys are the provinces' codes (since 01/07/2025).
"""

from __future__ import annotations

from dataclasses import dataclass

TILE_W = 84
TILE_H = 40
GAP = 4

# code: (column, row, short label)
GRID: dict[str, tuple[int, int, str]] = {
    "12": (1, 0, "Lai Châu"),
    "15": (2, 0, "Lào Cai"),
    "08": (3, 0, "Tuyên Quang"),
    "04": (4, 0, "Cao Bằng"),
    "11": (0, 1, "Điện Biên"),
    "14": (1, 1, "Sơn La"),
    "25": (2, 1, "Phú Thọ"),
    "19": (3, 1, "Thái Nguyên"),
    "20": (4, 1, "Lạng Sơn"),
    "01": (2, 2, "Hà Nội"),
    "24": (3, 2, "Bắc Ninh"),
    "22": (4, 2, "Quảng Ninh"),
    "37": (2, 3, "Ninh Bình"),
    "33": (3, 3, "Hưng Yên"),
    "31": (4, 3, "Hải Phòng"),
    "38": (2, 4, "Thanh Hóa"),
    "40": (2, 5, "Nghệ An"),
    "42": (3, 6, "Hà Tĩnh"),
    "44": (3, 7, "Quảng Trị"),
    "46": (4, 8, "Huế"),
    "48": (4, 9, "Đà Nẵng"),
    "51": (4, 10, "Quảng Ngãi"),
    "52": (4, 11, "Gia Lai"),
    "66": (4, 12, "Đắk Lắk"),
    "68": (3, 13, "Lâm Đồng"),
    "56": (4, 13, "Khánh Hòa"),
    "80": (1, 14, "Tây Ninh"),
    "79": (2, 14, "TP.HCM"),
    "75": (3, 14, "Đồng Nai"),
    "91": (0, 15, "An Giang"),
    "82": (1, 15, "Đồng Tháp"),
    "86": (2, 15, "Vĩnh Long"),
    "92": (1, 16, "Cần Thơ"),
    "96": (1, 17, "Cà Mau"),
}
# The archipelagos, east of the city and the province they belong to.
ARCHIPELAGOS = (
    ("48", 5, 9, "QĐ Hoàng Sa", "Quần đảo Hoàng Sa (thành phố Đà Nẵng)"),
    ("56", 5, 13, "QĐ Trường Sa", "Quần đảo Trường Sa (tỉnh Khánh Hòa)"),
)
COLUMNS = 6
ROWS = 18


@dataclass
class Tile:
    x: int
    y: int
    label: str
    title: str
    status: str
    status_label: str
    value: str
    href: str = ""
    is_archipelago: bool = False

    @property
    def cx(self) -> int:
        return self.x + TILE_W // 2

    @property
    def text_y(self) -> int:
        return self.y + (24 if self.is_archipelago else 17)

    @property
    def value_y(self) -> int:
        return self.y + 33


def _place(column: int, row: int) -> tuple[int, int]:
    return column * (TILE_W + GAP), row * (TILE_H + GAP)


def tiles_for(rows, *, value_text, href_for=None) -> list[Tile]:
    """Tiles for rows of today's provinces (anything with province_code, province_name,
    status and status_label); provinces absent from the rows are not drawn."""
    by_code = {row.province_code: row for row in rows}
    tiles = []
    for code, (column, row_index, label) in GRID.items():
        row = by_code.get(code)
        if row is None:
            continue
        x, y = _place(column, row_index)
        tiles.append(
            Tile(
                x,
                y,
                label,
                f"{row.province_name}: {value_text(row)} — {row.status_label}",
                row.status,
                row.status_label,
                value_text(row),
                href_for(row) if href_for else "",
            )
        )
    for code, column, row_index, label, title in ARCHIPELAGOS:
        # Always drawn: the archipelagos are part of the country whatever the data says.
        owner = by_code.get(code)
        status = owner.status if owner else "no_data"
        status_label = owner.status_label if owner else ""
        x, y = _place(column, row_index)
        tiles.append(Tile(x, y, label, title, status, status_label, "", is_archipelago=True))
    return tiles


def viewbox() -> str:
    return f"-2 -2 {COLUMNS * (TILE_W + GAP) + 4} {ROWS * (TILE_H + GAP) + 4}"

"""What every snapshot builder shares: JSON as stored, the place a document is dated at, the
number left for the clerk."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

PLACE_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Tỉnh ", "Xã ")
PLACE_PREFIXES += ("Phường ",)
# The number is given by the clerk when the document is signed.
BLANK_NUMBER = "…"


def jsonable(value):
    """The value as the snapshot column will hold it (dates and decimals as strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def place_name(name: str) -> str:
    """ "Huyện Đông Sơn" → "Đông Sơn": documents are dated at the place's bare name."""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name

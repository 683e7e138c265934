"""Load the 63 provinces and their districts (until 30/06/2025), today's 34 provinces and
their communes (from 01/07/2025), and the links between old and new provinces.

Idempotent: a second run reports nothing created, updated, added or removed.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sxsh_portal.territory.services import (
    PROVINCE_SUCCESSORS_2025_FILE,
    UNITS_2008_FIXTURE,
    administrative_units_load,
)


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính trước và sau 01/07/2025 (chạy lại không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixture",
            type=Path,
            default=UNITS_2008_FIXTURE,
            help="Tệp JSON các tỉnh và huyện giai đoạn 2008–2025.",
        )
        parser.add_argument(
            "--successors",
            type=Path,
            default=PROVINCE_SUCCESSORS_2025_FILE,
            help="Tệp JSON ánh xạ tỉnh cũ → tỉnh mới từ 01/07/2025.",
        )

    def handle(self, *args, fixture, successors, **options):
        started = time.perf_counter()
        try:
            result = administrative_units_load(fixture_path=fixture, mapping_path=successors)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started

        rows = [
            (_("Tỉnh 01/08/2008–30/06/2025"), result.provinces_2008),
            (_("Huyện 01/08/2008–30/06/2025"), result.districts_2008),
            (_("Tỉnh từ 01/07/2025"), result.provinces_2025),
            (_("Xã, phường, đặc khu từ 01/07/2025"), result.communes_2025),
        ]
        for label, counts in rows:
            self.stdout.write(
                _("%(label)s: %(total)d (mới %(created)d, cập nhật %(updated)d)")
                % {
                    "label": label,
                    "total": counts.total,
                    "created": counts.created,
                    "updated": counts.updated,
                }
            )
        self.stdout.write(
            _("Liên kết tỉnh cũ → tỉnh mới: %(total)d (thêm %(added)d, bỏ %(removed)d)")
            % {
                "total": result.successor_links_total,
                "added": result.successor_links_added,
                "removed": result.successor_links_removed,
            }
        )
        self.stdout.write(
            self.style.SUCCESS(_("Đã nạp đơn vị hành chính trong %.1f giây.") % elapsed)
        )

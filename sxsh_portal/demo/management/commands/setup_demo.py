"""Load everything a newcomer needs to see the portal working: administrative units, the seed
documents, and demo accounts and data. Idempotent: running it again changes nothing.
"""

import datetime
import os

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from strategies.services import seed_documents_load
from sxsh_portal.demo.accounts import demo_accounts_load
from sxsh_portal.demo.current_year import demo_current_year_load
from sxsh_portal.demo.facilities import demo_facilities_load
from sxsh_portal.demo.history import demo_reporting_load
from sxsh_portal.territory.services import administrative_units_load

DEFAULT_DEMO_PASSWORD = "SxshDemo@2026"


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính, văn bản gốc và dữ liệu demo (chạy lại không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD),
            help="Mật khẩu của các tài khoản demo.",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Ngày coi là hôm nay (YYYY-MM-DD) để chọn năm báo cáo hiện tại; mặc định hôm nay.",
        )

    def handle(self, *args, password, today=None, **options):
        if isinstance(today, str):  # call_command(..., today="2027-03-10") skips argparse
            today = datetime.date.fromisoformat(today)
        administrative_units_load()
        seed_documents_load()
        logins = demo_accounts_load(password=password)
        if demo_facilities_load(representative_password=password):
            logins.append(("co-so-demo", _("Đại diện cơ sở sản xuất (cơ sở minh họa ở Thanh Hóa)")))
        demo_reporting_load()
        # This year's cycle of the demonstration plan under QĐ 889/QĐ-TTg; the above is history.
        logins += demo_current_year_load(password=password, today=today)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Tài khoản demo (mật khẩu: %s)") % password))
        for username, description in logins:
            self.stdout.write(f"  {username:<18} {description}")
        self.stdout.write(_("Mở http://127.0.0.1:8000 và đăng nhập bằng một tài khoản ở trên."))

"""Add a CA root certificate (or a PEM bundle of them) to the portal's trust store."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sxsh_portal.signatures.services import trust_roots_add


class Command(BaseCommand):
    help = "Thêm chứng thư gốc (PEM hoặc DER) vào danh sách tin cậy khi kiểm tra chữ ký số."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .pem/.crt/.cer/.der")
        parser.add_argument("--name", help="tên hiển thị (mặc định: tên tệp)")

    def handle(self, *args, path, name=None, **options):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            added = trust_roots_add(data=data, name=name or file.stem)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for root in added:
            self.stdout.write(f"+ {root.name}: {root.subject} ({root.fingerprint[:16]}…)")
        if not added:
            self.stdout.write("Không có chứng thư mới (đã có sẵn).")

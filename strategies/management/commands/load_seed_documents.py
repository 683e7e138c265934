from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from strategies.services import seed_documents_load


class Command(BaseCommand):
    help = "Nạp các chiến lược, kế hoạch hành động và cơ quan từ văn bản nguồn (chạy lại an toàn)."

    def handle(self, *args, **options):
        try:
            seed_documents_load(verbosity=options["verbosity"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS("Đã nạp văn bản nguồn chiến lược và kế hoạch."))

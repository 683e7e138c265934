"""A Celery worker whose PDF renders take some seconds longer, so that a test can kill it
while it renders (tests/test_pdf_worker.py). The delay is the test's, injected here: the
portal's code has none.

    python -m tests.slow_render_worker SECONDS [celery worker options…]
"""

import os
import sys
import time


def main() -> None:
    seconds = float(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh_portal.settings")
    import django

    django.setup()
    from sxsh_portal.celery import app
    from sxsh_portal.documents import services

    render = services.document_pdf_bytes

    def slow_render(document):
        time.sleep(seconds)
        return render(document)

    services.document_pdf_bytes = slow_render
    app.worker_main(["worker", *sys.argv[2:]])


if __name__ == "__main__":
    main()

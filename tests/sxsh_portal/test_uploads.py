"""Staged uploads: a file waits under a token only its session knows, then is forgotten."""

from django.core.files.storage import default_storage

from sxsh_portal.uploads import upload_forget, upload_pending, upload_read, upload_stage

KEY = "an_import"


def test_a_staged_file_is_read_back_with_its_token_and_forgotten_after(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = {}
    token = upload_stage(
        session, key=KEY, directory="tmp/imports", content=b"a,b", extension=".csv", name="x.csv"
    )

    assert upload_pending(session, key=KEY, token="another") is None
    pending = upload_pending(session, key=KEY, token=token)
    assert pending["name"] == "x.csv" and upload_read(pending) == b"a,b"

    upload_forget(session, key=KEY)
    assert KEY not in session and not default_storage.exists(pending["path"])


def test_staging_again_replaces_the_previous_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = {}
    first = upload_stage(session, key=KEY, directory="tmp/i", content=b"1", extension=".xlsx")
    path = session[KEY]["path"]
    second = upload_stage(session, key=KEY, directory="tmp/i", content=b"2", extension=".xlsx")

    assert first != second and not default_storage.exists(path)
    assert upload_pending(session, key=KEY, token=first) is None


def test_a_file_removed_meanwhile_is_not_pending_any_more(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = {}
    token = upload_stage(session, key=KEY, directory="tmp/i", content=b"1", extension=".csv")
    default_storage.delete(session[KEY]["path"])

    assert upload_pending(session, key=KEY, token=token) is None
    assert KEY not in session

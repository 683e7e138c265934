"""The web process tunes its garbage collector once the portal is loaded."""

import gc
import importlib

import pytest


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_loading_the_wsgi_application_freezes_start_up_objects_and_raises_thresholds(
    settings, collector_restored
):
    settings.GC_THRESHOLDS = (40_000, 15, 90)
    gc.unfreeze()

    importlib.reload(importlib.import_module("sxsh_portal.wsgi"))

    assert gc.get_threshold() == (40_000, 15, 90)
    assert gc.get_freeze_count() > 10_000

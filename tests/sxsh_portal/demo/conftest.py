import pytest

from strategies.services import seed_documents_load


@pytest.fixture
def seeded(thanh_hoa, ha_giang):
    """The seed documents loaded on top of the 63-era Thanh Hóa and Hà Giang provinces."""
    seed_documents_load()

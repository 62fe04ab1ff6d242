import pytest

from tests.search.conftest import corpus  # noqa: F401 -- the same known corpus as the search tests


@pytest.fixture(autouse=True)
def engine_index(request):
    """Every engine test starts from empty indexes and sees every write at once."""
    from tests.engine.support import engine_in_use, fresh_engine

    if engine_in_use():
        return fresh_engine(request.getfixturevalue("monkeypatch"), request)
    return None

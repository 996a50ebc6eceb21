import pytest

from ._oracle import SHARED, official_schema, own_schema


@pytest.fixture(scope="session")
def own():
    return own_schema()


@pytest.fixture(scope="session")
def official():
    if not (SHARED / "standard").is_dir():
        pytest.skip("../shared/standard is absent: official schemas needed for the oracle")
    return {"zkn": official_schema("zkn"), "rzs": official_schema("rzs")}

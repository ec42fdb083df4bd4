"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest

from newsevents.options import Options, load_options


@pytest.fixture(scope="module")
def opts() -> Options:
    """The packaged default options."""
    return load_options()

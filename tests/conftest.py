"""Fixtures shared by several test modules, and the hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from newsevents.options import Options, load_options

# `make test` runs a bounded number of fuzz inputs (spaCy is slow); `make fuzz` selects the
# "fuzz" profile (HYPOTHESIS_PROFILE=fuzz), which runs many more. Tests that set their own
# max_examples (the store properties) keep them.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", deadline=None, max_examples=1000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FUZZ_COUNTS = pytest.StashKey[dict[str, int]]()


@pytest.fixture(scope="module")
def opts() -> Options:
    """The packaged default options."""
    return load_options()


@pytest.fixture(scope="session")
def fuzz_counts(request: pytest.FixtureRequest) -> dict[str, int]:
    """How many inputs and runs the fuzz tests sent through `process` (reported at the end)."""
    return request.config.stash.setdefault(FUZZ_COUNTS, {"inputs": 0, "runs": 0, "stored": 0, "rejected": 0})


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    counts = config.stash.get(FUZZ_COUNTS, None)
    if counts and counts["runs"]:
        terminalreporter.write_line(
            f"fuzz: {counts['inputs']} inputs through `newsevents process` in {counts['runs']} runs "
            f"({counts['stored']} stored, {counts['rejected']} rejected; profile "
            f"{os.environ.get('HYPOTHESIS_PROFILE', 'default')})")

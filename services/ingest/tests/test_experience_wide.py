"""Roles and total months on work histories written in forms the parser was not fitted to.

The cases (`wide_experience_cases`) were written by hand: date forms, role-line templates and section
names as people write them. The test asserts the share read right and prints every miss, so a
regression shows which writing broke. Run it with `-s` to see the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from services.ingest.domain.schema import ExperienceEntry
from services.ingest.extraction import ExtractedDocument
from services.ingest.parsing import parse_document
from services.ingest.settings import IngestSettings
from services.ingest.tests.wide_experience_cases import CASES, TODAY, Case, Role, expected_total

pytestmark = pytest.mark.unit

# What the parser reaches on these cases; a change that lowers either is a regression.
ROLES_ACCURACY = 0.95
TOTAL_ACCURACY = 0.97
MONTHS_TOLERANCE = 3


def _normal(value: str | None) -> str:
    return " ".join(re.sub(r"[^\w&' ]", " ", (value or "").lower()).split())


def _first_month(value: str | None) -> str | None:
    return f"{value}-01" if value and len(value) == 4 else value


def _last_month(value: str | None) -> str | None:
    return f"{value}-12" if value and len(value) == 4 else value


def _same_role(expected: Role, found: ExperienceEntry) -> bool:
    return (
        _normal(expected.title) == _normal(found.role)
        and _normal(expected.employer) == _normal(found.company)
        and expected.start == _first_month(found.start_date)
        and expected.end == _last_month(found.end_date)
        and (expected.end is not None or found.is_current)
    )


@dataclass(frozen=True)
class Outcome:
    """How the parser read one case."""

    case: Case
    found: tuple[ExperienceEntry, ...]
    total: int | None

    @property
    def roles_right(self) -> bool:
        """Every stated role read right, and nothing more."""
        return len(self.found) == len(self.case.roles) and all(
            any(_same_role(role, entry) for entry in self.found) for role in self.case.roles
        )

    @property
    def total_right(self) -> bool:
        """Total months within the tolerance."""
        return self.total is not None and abs(self.total - expected_total(self.case)) <= MONTHS_TOLERANCE

    def describe(self) -> str:
        """A miss as a line a person can act on."""
        found = [(e.role, e.company, e.start_date, e.end_date, e.is_current) for e in self.found]
        return f"{self.case.name}: total {self.total} (want {expected_total(self.case)}); roles {found}"


def read(case: Case) -> Outcome:
    """Parse a case the way an uploaded text file is parsed."""
    parsed = parse_document(ExtractedDocument(text=case.text), settings=IngestSettings(), today=TODAY)
    profile = parsed.profile
    return Outcome(case, tuple(profile.experience), profile.total_experience_months)


def test_there_are_enough_varied_cases() -> None:
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


def test_roles_and_totals_on_unseen_writing() -> None:
    outcomes = [read(case) for case in CASES]
    roles = sum(outcome.roles_right for outcome in outcomes) / len(outcomes)
    totals = sum(outcome.total_right for outcome in outcomes) / len(outcomes)
    misses = [outcome.describe() for outcome in outcomes if not (outcome.roles_right and outcome.total_right)]
    report = f"{len(outcomes)} cases: roles right {roles:.0%}, total within {MONTHS_TOLERANCE} {totals:.0%}"
    print("\n" + report + "\n" + "\n".join(misses))  # noqa: T201 - the figures this test exists to show
    assert roles >= ROLES_ACCURACY, report
    assert totals >= TOTAL_ACCURACY, report

"""How well ingest reads the labelled resumes: skills, contact fields and total experience, per group.

Skills are micro-averaged: every (resume, skill) decision of a group counts once, so a resume with
thirty skills weighs more than one with three. A resume the product could not read predicts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from eval.labelled_set import LabelledResume
from eval.product import ProductResume

# "Within 3 months" of the labelled merged experience: a month either side of each end of a range is
# the usual disagreement about whether "2019 - 2021" means January or December.
MONTHS_TOLERANCE = 3


@dataclass
class ParsingTally:
    """Counts for one group of resumes."""

    resumes: int = 0
    failed: int = 0
    true_skills: int = 0
    predicted_skills: int = 0
    correct_skills: int = 0
    names: int = 0
    emails: int = 0
    phones: int = 0
    months: int = 0

    def add(self, resume: LabelledResume, read: ProductResume) -> None:
        """Count one resume's outcome."""
        labels = resume.labels
        profile = read.parsed.profile if read.parsed is not None else None
        truth = {_skill(skill) for skill in labels.skills}
        predicted = {_skill(skill.name) for skill in profile.skills} if profile is not None else set()
        self.resumes += 1
        self.failed += profile is None
        self.true_skills += len(truth)
        self.predicted_skills += len(predicted)
        self.correct_skills += len(truth & predicted)
        if profile is None:
            return
        self.names += _same(labels.name, profile.name, _name)
        self.emails += _same(labels.email, profile.email, str.casefold)
        self.phones += _same(labels.phone, profile.phone, _digits)
        months = profile.total_experience_months
        self.months += (
            labels.total_months is not None
            and months is not None
            and abs(months - labels.total_months) <= MONTHS_TOLERANCE
        )

    def summary(self) -> dict[str, float | int]:
        """Precision, recall, F1 of skills and the accuracy of each field, over this group."""
        precision = self.correct_skills / self.predicted_skills if self.predicted_skills else 0.0
        recall = self.correct_skills / self.true_skills if self.true_skills else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        count = max(self.resumes, 1)
        return {
            "resumes": self.resumes,
            "failed": self.failed,
            "skills_precision": precision,
            "skills_recall": recall,
            "skills_f1": f1,
            "name_accuracy": self.names / count,
            "email_accuracy": self.emails / count,
            "phone_accuracy": self.phones / count,
            "months_within_3": self.months / count,
        }


def _skill(name: str) -> str:
    return " ".join(name.split()).casefold()


def _name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _same(truth: str | None, found: str | None, normalise: Callable[[str], str]) -> bool:
    """Exact match after normalising; a field the resume does not have is right when nothing is found."""
    if not truth:
        return not found
    return found is not None and normalise(found) == normalise(truth)


GROUPINGS: dict[str, Callable[[LabelledResume], str]] = {
    "format": lambda resume: resume.format,
    "layout": lambda resume: f"{resume.format}/{resume.layout}",
    "profession": lambda resume: resume.profession,
}


def parsing_measures(
    pairs: Iterable[tuple[LabelledResume, ProductResume]],
) -> dict[str, dict[str, dict[str, float | int]]]:
    """Measures per grouping ("all", "format", "layout", "profession") and group value."""
    tallies: dict[str, dict[str, ParsingTally]] = {"all": {"all": ParsingTally()}}
    for resume, read in pairs:
        tallies["all"]["all"].add(resume, read)
        for grouping, key in GROUPINGS.items():
            tallies.setdefault(grouping, {}).setdefault(key(resume), ParsingTally()).add(resume, read)
    return {
        grouping: {group: tally.summary() for group, tally in sorted(groups.items())}
        for grouping, groups in tallies.items()
    }

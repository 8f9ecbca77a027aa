"""Drawing postings and writing their text.

Each field gets one posting per split (software backend two), at a different seniority in each half.
The requirements are drawn first (skills, years, credentials, education); the text then says all of
them, in section headings, phrasing and layout taken from the split's half of each pool.
"""

from __future__ import annotations

import random

from eval.dataset.fields import CREDENTIALS, DEGREE_NAMES, FIELDS, SPECIAL_DEGREES, SUBJECTS
from eval.dataset.model import EducationRequirement, Job, Level, Seniority
from eval.dataset.people import EMPLOYERS, UK_PLACES, US_PLACES, half
from eval.dataset.skills import SKILLS

# Years ranges by seniority: (minimum, maximum or None).
YEAR_RANGES: dict[Seniority, tuple[tuple[int, int | None], ...]] = {
    Seniority.ENTRY: ((0, 2), (0, 1), (0, 0), (1, 3)),
    Seniority.MID: ((2, 5), (3, 5), (3, 6), (2, 4)),
    Seniority.SENIOR: ((5, None), (6, None), (7, 12), (5, 10)),
}

# Fields that get a second posting in every split.
SECOND_POSTING = ("backend",)

_HEADINGS = {
    "about": ("About us", "Who we are"),
    "role": ("What you'll do", "The role"),
    "requirements": ("What we're looking for", "Requirements"),
    "nice": ("Nice to have", "Bonus points"),
    "benefits": ("What we offer", "Benefits"),
}
_SKILL_LINES = (
    "Hands-on experience with {t}",
    "Proven experience with {t}",
    "Solid, recent work with {t}",
    "Demonstrable {t} experience",
    "Working knowledge of {t}",
    "A track record in {t}",
)
_DUTY_LINES = {
    "tool": (
        "Work with {t} every day alongside the team",
        "Use {t} to deliver and improve our services",
        "Keep our {t} work reliable and documented",
        "Build with {t} from design to production",
    ),
    "practice": (
        "Take ownership of {t}",
        "Lead {t} for your area",
        "Carry out {t} to a high standard",
        "Improve how we approach {t}",
    ),
}
_GOAL_LINES = ("Help us {g}", "Play a key part as we {g}", "Be part of the team's plan to {g}", "Work with us to {g}")
_BENEFITS = (
    "Salary reviewed every year",
    "25 days of paid leave plus public holidays",
    "Health, dental and vision cover",
    "A pension with 6% employer contribution",
    "Flexible and hybrid working",
    "A yearly learning budget",
    "Paid parental leave",
    "Employee assistance programme",
    "Cycle-to-work scheme",
    "Tuition reimbursement",
)


def years_text(rng: random.Random, low: int, high: int | None, split: str) -> str:
    """The experience requirement as a posting writes it."""
    if high is None:
        return rng.choice(
            half(
                (
                    f"{low}+ years of relevant experience",
                    f"At least {low} years of relevant experience",
                    f"{low} or more years in a similar role",
                    f"A minimum of {low} years of experience",
                ),
                split,
            )
        )
    if high == 0:
        return rng.choice(
            half(
                (
                    "Less than 12 months of experience - new graduates welcome",
                    "No prior experience required; new graduates welcome",
                    "Under one year of experience (recent graduates encouraged to apply)",
                    "Less than 12 months in a similar role",
                ),
                split,
            )
        )
    if low == 0:
        return rng.choice(
            half(
                (
                    f"0-{high} years of experience; new graduates welcome",
                    f"Up to {high} years of experience",
                    f"0 to {high} years of experience (graduates welcome)",
                    f"No more than {high} years of experience",
                ),
                split,
            )
        )
    return rng.choice(
        half(
            (
                f"{low}-{high} years of relevant experience",
                f"Between {low} and {high} years of experience",
                f"{low} to {high} years in a similar role",
                f"{low}-{high} years of hands-on experience",
            ),
            split,
        )
    )


def education_text(rng: random.Random, requirement: EducationRequirement, split: str) -> str:
    """The education requirement as a posting writes it."""
    subjects = [rng.choice(SUBJECTS[subject]) for subject in requirement.subjects[:3]]
    if (requirement.level, requirement.subjects[0]) in SPECIAL_DEGREES:
        degree = SPECIAL_DEGREES[(requirement.level, requirement.subjects[0])][0]
    else:
        joined = subjects[0] if len(subjects) == 1 else ", ".join(subjects[:-1]) + " or " + subjects[-1]
        degree = rng.choice(DEGREE_NAMES[requirement.level]).format(s=joined)
    if requirement.level == Level.ASSOCIATE and requirement.subjects[0] == "nursing":
        degree = "Associate Degree in Nursing (ADN) or BSN"
    if requirement.equivalent:
        tail = rng.choice(
            half(
                (
                    " or a related field, or equivalent experience",
                    " (or equivalent practical experience)",
                    ", a related degree, or four years of equivalent experience",
                    " or equivalent",
                ),
                split,
            )
        )
        return degree + tail
    return degree + rng.choice(half((" required", " (required)", " is essential", " - mandatory"), split))


def _term(rng: random.Random, skill: str) -> str:
    spec = SKILLS[skill]
    # Postings mostly use the plain name, sometimes the other spelling (e.g. "Google Ads", "K8s").
    return rng.choice(spec.synonyms) if rng.random() < 0.2 else spec.spellings[0]


def _lower(term: str) -> str:
    """A practice written mid-sentence: title-case words lowered, acronyms and names kept."""
    words = []
    for word in term.split(" "):
        parts = word.split("-")
        words.append("-".join(part.lower() if part[:1].isupper() and part[1:].islower() else part for part in parts))
    return " ".join(words)


def in_sentence(skill: str, term: str) -> str:
    """How a skill term reads inside a sentence (practices in lower case)."""
    return _lower(term) if SKILLS[skill].kind == "practice" else term


def draw_seniorities(rng: random.Random) -> dict[str, tuple[Seniority, Seniority]]:
    """For each field, the seniority of its posting in tune and in held-out (always different)."""
    chosen: dict[str, tuple[Seniority, Seniority]] = {}
    levels = list(Seniority)
    for index, field in enumerate(sorted(FIELDS)):
        tune = levels[(index + rng.randint(0, 2)) % 3]
        heldout = rng.choice([level for level in levels if level != tune])
        chosen[field] = (tune, heldout)
    return chosen


def draw_jobs(rng: random.Random, split: str, seniorities: dict[str, tuple[Seniority, Seniority]]) -> list[Job]:
    """The postings of one split."""
    plan: list[tuple[str, Seniority]] = []
    side = 0 if split == "tune" else 1
    for field in sorted(FIELDS):
        plan.append((field, seniorities[field][side]))
        if field in SECOND_POSTING:
            other = [level for level in Seniority if level not in seniorities[field]]
            plan.append((field, other[0] if other else Seniority.MID))
    prefix = "T" if split == "tune" else "H"
    return [
        _draw_job(rng, f"{prefix}-J{index + 1:02d}", field, seniority, split)
        for index, (field, seniority) in enumerate(plan)
    ]


def _draw_job(rng: random.Random, job_id: str, field: str, seniority: Seniority, split: str) -> Job:
    spec = FIELDS[field]
    low, high = rng.choice(YEAR_RANGES[seniority])
    count = rng.randint(4, 5) if seniority == Seniority.ENTRY else rng.randint(5, 6)
    required = tuple(rng.sample(spec.core, k=min(count, len(spec.core))))
    remaining = [s for s in (*spec.core, *spec.extra) if s not in required]
    nice = tuple(rng.sample(remaining, k=min(len(remaining), rng.randint(2, 3))))
    city, region = rng.choice(half(US_PLACES if rng.random() < 0.7 else UK_PLACES, split))
    return Job(
        job_id=job_id,
        title=rng.choice(half(spec.job_titles[seniority], split)),
        field=field,
        profession=spec.profession,
        seniority=seniority,
        min_years=low,
        max_years=high,
        required_skills=required,
        nice_skills=nice,
        licences=spec.licences,
        certifications=spec.certifications[seniority],
        education=spec.education[seniority],
        employer=rng.choice(half(EMPLOYERS[spec.sector], split)),
        location=f"{city}, {region}",
    )


def write_posting(rng: random.Random, job: Job, split: str) -> str:
    """The posting's text: about, responsibilities, requirements, nice-to-haves and benefits."""
    spec = FIELDS[job.field]
    bullet = rng.choice(half(("- ", "• ", "* ", "· "), split))
    heading = {key: half(options, split)[0] for key, options in _HEADINGS.items()}
    duties = []
    for skill in rng.sample(job.required_skills, k=min(3, len(job.required_skills))):
        template = rng.choice(_DUTY_LINES[SKILLS[skill].kind])
        duties.append(template.format(t=in_sentence(skill, _term(rng, skill))))
    goals = rng.sample(half(spec.goals, split), k=2)
    duties += [rng.choice(half(_GOAL_LINES, split)).format(g=goal) for goal in goals]
    requirements = [years_text(rng, job.min_years, job.max_years, split)]
    for skill in job.required_skills:
        requirements.append(rng.choice(half(_SKILL_LINES, split)).format(t=in_sentence(skill, _term(rng, skill))))
    if job.education is not None:
        requirements.append(education_text(rng, job.education, split))
    for licence in job.licences:
        requirements.append(f"Must hold {CREDENTIALS[licence].posting}")
    if job.certifications:
        names = [CREDENTIALS[c].posting for c in job.certifications]
        requirements.append(" and ".join(names) + (" required" if len(names) > 1 else " certification required"))
    nice = [in_sentence(skill, _term(rng, skill)) for skill in job.nice_skills]
    benefits = rng.sample(half(_BENEFITS, split), k=3)
    prose = rng.random() < 0.3
    opening = rng.choice(
        half(
            (
                f"{job.employer} is hiring a {job.title} in {job.location}.",
                f"Join {job.employer} as our next {job.title} ({job.location}).",
                f"We are looking for a {job.title} to join us in {job.location}.",
                f"{job.title} - {job.employer}, {job.location}.",
            ),
            split,
        )
    )
    parts = [f"{job.title}\n{job.employer} - {job.location}", f"{heading['about']}\n{opening} {spec.about}"]
    if prose:
        parts.append(f"{heading['role']}\n" + " ".join(f"{duty}." for duty in duties))
    else:
        parts.append(f"{heading['role']}\n" + "\n".join(bullet + duty for duty in duties))
    parts.append(f"{heading['requirements']}\n" + "\n".join(bullet + line for line in requirements))
    parts.append(f"{heading['nice']}\n" + "\n".join(bullet + line for line in nice))
    parts.append(f"{heading['benefits']}\n" + "\n".join(bullet + line for line in benefits))
    return "\n\n".join(parts) + "\n"

"""Drawing the people of a split: eleven profiles around each posting, each of a known kind.

For every job a split draws three strong candidates, three with one real gap, one far too junior or
senior, one from an adjacent field (or a weak same-field one where the field has no neighbour), one
keyword stuffer from another field, one other-field person whose work shares the job's vocabulary, and
one career changer into the job's field. The kind only steers the drawing: every pair's grade comes
from grading.py, and a drawing whose grade misses its kind's aim is drawn again a few times (so the
spread holds) without ever being relabelled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from eval.dataset.careers import Granularity, Segment, lay_out
from eval.dataset.fields import ADJACENT, FIELD_EXTRA_CREDENTIALS, FIELDS, implied_by_titles
from eval.dataset.grading import grade_pair
from eval.dataset.hard_cases import INCIDENTAL_MENTIONS, PENDING_LICENCE, SHARED_VOCABULARY
from eval.dataset.model import TODAY, Education, EducationRequirement, Job, Level, Mention, Profile
from eval.dataset.people import (
    COLLEGES,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    MIDDLE_INITIALS,
    SUBJECT_SCHOOLS,
    UK_PLACES,
    UNIVERSITIES,
    US_AREA_CODES,
    US_PLACES,
    half,
)
from eval.dataset.skills import SKILLS

KINDS = (
    "strong",
    "strong",
    "strong",
    "gap",
    "gap",
    "gap_or_licence",
    "level",
    "adjacent",
    "stuffer",
    "shared",
    "changer",
)
# The grades each kind aims at (an empty set: whatever the rules give).
_AIM: dict[str, frozenset[int]] = {
    "strong": frozenset({3}),
    "gap": frozenset({2}),
    "unlicensed": frozenset({1}),
    "level": frozenset({1}),
    "adjacent": frozenset(),
    "stuffer": frozenset({1}),
    "shared": frozenset({0}),
    "changer": frozenset({2, 3}),
    "weak": frozenset({1}),
}
_ATTEMPTS = 6


@dataclass(frozen=True)
class Person:
    """Who a profile is: name, contact details and where they live."""

    name: str
    email: str
    phone: str
    location: str


def draw_person(rng: random.Random, split: str, used_names: set[str]) -> Person:
    """A fictional person whose name is unique within the split."""
    while True:
        first = rng.choice(half(FIRST_NAMES, split))
        last = rng.choice(half(LAST_NAMES, split))
        middle = rng.choice(MIDDLE_INITIALS) if rng.random() < 0.25 else ""
        name = f"{first} {middle}. {last}" if middle else f"{first} {last}"
        if name not in used_names:
            used_names.add(name)
            break
    plain_last = last.replace("'", "").lower()
    patterns = half(("{f}.{l}", "{f0}{l}", "{f}_{l}{n}", "{l}.{f}", "{f}{l}", "{f}.{l}{n}"), split)
    local = rng.choice(patterns).format(f=first.lower(), l=plain_last, f0=first[0].lower(), n=rng.randint(1, 99))
    email = f"{local}@{rng.choice(half(EMAIL_DOMAINS, split))}"
    if rng.random() < 0.7:
        city, region = rng.choice(half(US_PLACES, split))
        formats = half(
            (
                "+1 ({a}) 555-01{n:02d}",
                "{a}-555-01{n:02d}",
                "({a}) 555-01{n:02d}",
                "+1 555 010 01{n:02d}",
                "+1 (555) 010-01{n:02d}",
                "{a}.555.01{n:02d}",
            ),
            split,
        )
        phone = rng.choice(formats).format(a=rng.choice(US_AREA_CODES), n=rng.randint(0, 99))
    else:
        city, region = rng.choice(half(UK_PLACES, split))
        formats = half(("07700 900{n:03d}", "+44 7700 900{n:03d}", "+44 20 7946 0{n:03d}", "020 7946 0{n:03d}"), split)
        phone = rng.choice(formats).format(n=rng.randint(0, 999))
    return Person(name=name, email=email, phone=phone, location=f"{city}, {region}")


def _years_to_months(rng: random.Random, years: int) -> int:
    return years * 12 + rng.randint(0, 11) if years > 0 else rng.randint(4, 11)


def _in_range_years(rng: random.Random, job: Job) -> int:
    top = job.max_years if job.max_years is not None else job.min_years + 6
    return rng.randint(job.min_years, top)


def _education_for(
    rng: random.Random, requirement: EducationRequirement | None, field: str, graduated: int, split: str
) -> Education:
    """A qualification that meets `requirement` (or the field's usual one), finished in month `graduated`."""
    spec = FIELDS[field]
    if requirement is not None:
        subject = rng.choice(requirement.subjects)
        level = requirement.level if rng.random() < 0.75 else Level(min(requirement.level + 1, Level.DOCTORATE))
        if subject == "law":
            level = Level.DOCTORATE
    else:
        subject = spec.subjects[0]
        level = Level.CERTIFICATE if spec.sector in {"trades", "logistics", "hotel"} else Level.BACHELOR
    return Education(level=level, subject=subject, school=_school(rng, level, subject, split), year=graduated // 12)


def _school(rng: random.Random, level: Level, subject: str, split: str) -> str:
    """A school that grants this level in this subject."""
    if subject in SUBJECT_SCHOOLS and rng.random() < 0.6:
        return rng.choice(half(SUBJECT_SCHOOLS[subject], split))
    return rng.choice(half(COLLEGES if level <= Level.ASSOCIATE else UNIVERSITIES, split))


def _weaker_education(rng: random.Random, requirement: EducationRequirement, graduated: int, split: str) -> Education:
    """A qualification below the requirement: a lower level, or the level in an unaccepted subject."""
    if requirement.level > Level.CERTIFICATE and (requirement.equivalent or rng.random() < 0.5):
        level = Level(requirement.level - 1)
        subject = requirement.subjects[0]
    else:
        level = requirement.level
        subject = rng.choice(("history", "english", "business", "biology", "fine_arts"))
        if subject in requirement.subjects:
            subject = "culinary"
    return Education(level=level, subject=subject, school=_school(rng, level, subject, split), year=graduated // 12)


def _pick_other_field(rng: random.Random, job_field: str, exclude: frozenset[str] = frozenset()) -> str:
    choices = [f for f in FIELDS if f != job_field and f not in ADJACENT[job_field] and f not in exclude]
    return rng.choice(choices)


@dataclass
class _Plan:
    """What a kind decides before the career is laid out."""

    segments: list[Segment]
    education: list[Education]
    credentials: list[str]
    listed_extra: list[str]  # skills written in the skills section beyond the evidenced ones
    mentions: list[Mention]
    traits: list[str]
    employer_override: str = ""
    shared_sentence: str = ""
    current: bool = True


def _usual_credentials(rng: random.Random, field: str, seniority_index: int) -> list[str]:
    spec = FIELDS[field]
    held = [*spec.licences, *spec.certifications[min(seniority_index, 2)]]
    held += [c for c in FIELD_EXTRA_CREDENTIALS.get(field, ()) if rng.random() < 0.4]
    return list(dict.fromkeys(held))


def _career_years_level(months: int) -> int:
    return 0 if months < 36 else 1 if months < 96 else 2


def _graduation(rng: random.Random, first_month: int) -> int:
    return first_month - rng.randint(1, 8)


def _other_career(rng: random.Random, field: str, split: str) -> tuple[Segment, list[Education], list[str]]:
    """An ordinary career in `field`: 1-12 years, the field's usual qualification and credentials."""
    months = _years_to_months(rng, rng.randint(1, 12))
    spec = FIELDS[field]
    must = tuple(rng.sample(spec.core, k=min(len(spec.core), rng.randint(3, 6))))
    level = _career_years_level(months)
    requirement = spec.education[level]
    education = [_education_for(rng, requirement, field, TODAY - months - rng.randint(2, 10), split)]
    return Segment(field, months, must, prior_months=0), education, _usual_credentials(rng, field, level)


def _plan(rng: random.Random, kind: str, job: Job, split: str) -> _Plan:
    spec = FIELDS[job.field]
    level = int(job.seniority)
    if kind in {"strong", "gap", "level", "weak", "unlicensed"}:
        must = list(job.required_skills) + [s for s in job.nice_skills if rng.random() < 0.5]
        forbidden: set[str] = set()
        traits: list[str] = []
        credentials = [*job.licences, *job.certifications] + _usual_credentials(rng, job.field, level)
        years = _in_range_years(rng, job)
        mentions: list[Mention] = []
        listed_extra: list[str] = []
        education_ok = True
        left_field = False
        gaps: list[str] = []
        if kind == "level":
            options = []
            if job.min_years >= 3:
                options.append("too_junior")
            if job.max_years is not None:
                options.append("too_senior")
            # Far too junior is only possible for postings asking 3+ years: prefer it where it is.
            choice = options[0] if len(options) == 1 or rng.random() < 0.7 else options[1]
            traits.append(choice)
            if choice == "too_junior" or job.max_years is None:
                years = rng.randint(0, job.min_years - 3)
            else:
                years = rng.randint(job.max_years + 4, job.max_years + 10)
        elif kind == "unlicensed":
            # Everything but the licence: a graduate waiting for the exam or the board.
            credentials = [c for c in credentials if c not in job.licences]
            years = 0
            mentions.append(Mention("", rng.choice(half(PENDING_LICENCE[job.licences[0]], split))))
            traits.append("missing_licence")
        elif kind in {"gap", "weak"}:
            feasible = ["skills"]
            if job.min_years >= 1:
                feasible.append("years_under")
            if job.max_years is not None:
                feasible.append("years_over")
            if job.certifications:
                feasible.append("certification")
            if job.education is not None and (not job.education.equivalent or job.min_years <= 3):
                feasible.append("education")
            if job.max_years is None or job.max_years >= 1:
                feasible.append("left_field")
            gaps = rng.sample(feasible, k=2 if kind == "weak" else 1)
        for gap in gaps:
            if gap == "skills":
                droppable = [s for s in job.required_skills if s not in implied_by_titles(job.field)]
                dropped = rng.sample(droppable, k=min(len(droppable), rng.choice((1, 1, 2))))
                must = [s for s in must if s not in dropped]
                forbidden |= set(dropped)
                if not dropped:
                    continue
                if rng.random() < 0.5:
                    mentions.append(_incidental(rng, dropped[0], split))
                    traits.append("incidental_mention")
                elif rng.random() < 0.6:
                    listed_extra.append(dropped[0])
                    traits.append("unbacked_skills")
            elif gap == "years_under":
                years = max(0, job.min_years - rng.choice((1, 2)))
            elif gap == "years_over":
                years = (job.max_years or 0) + rng.choice((1, 2, 3))
            elif gap == "certification":
                missing = rng.choice(job.certifications)
                credentials = [c for c in credentials if c != missing]
            elif gap == "education":
                education_ok = False
                if job.education is not None and job.education.equivalent:
                    # Four years of relevant work would stand in for the degree.
                    years = min(years, 3)
            elif gap == "left_field":
                left_field = True
                years = max(years, 1)
                traits.append("left_field")
        months = _years_to_months(rng, years)
        segments = [
            Segment(
                job.field,
                months,
                tuple(must),
                frozenset(forbidden),
                intern=months < 12 and (kind == "unlicensed" or rng.random() < 0.6),
            )
        ]
        if rng.random() < 0.25 and months >= 12:
            # A student job before the career: dated work that is not relevant experience.
            student_field = rng.choice(("hospitality", "logistics"))
            if student_field != job.field and student_field not in ADJACENT[job.field]:
                segments.insert(0, Segment(student_field, rng.randint(4, 10), (), frozenset(job.required_skills)))
        current = True
        if left_field:
            other = _pick_other_field(rng, job.field)
            segments.append(Segment(other, rng.randint(26, 50), (), frozenset(job.required_skills)))
            credentials += [c for c in FIELDS[other].licences if c not in credentials]
        first_month = TODAY - sum(s.months for s in segments) - 6
        graduated = _graduation(rng, first_month)
        if job.education is None or education_ok:
            education = [_education_for(rng, job.education, job.field, graduated, split)]
        else:
            education = [_weaker_education(rng, job.education, graduated, split)]
        if kind == "level" and traits[-1] == "too_senior" and rng.random() < 0.5:
            education.append(_education_for(rng, None, job.field, graduated + 60, split))
        if rng.random() < 0.2:
            listed_extra.append(rng.choice(spec.extra))
        return _Plan(
            segments, education, list(dict.fromkeys(credentials)), listed_extra, mentions, traits, current=current
        )
    if kind == "adjacent":
        neighbour = rng.choice(sorted(ADJACENT[job.field]))
        neighbour_spec = FIELDS[neighbour]
        transferable = [s for s in job.required_skills if s in (*neighbour_spec.core, *neighbour_spec.extra)]
        strong = rng.random() < 0.6
        shown = transferable if strong else transferable[:1]
        own = rng.sample(neighbour_spec.core, k=min(4, len(neighbour_spec.core)))
        must = list(dict.fromkeys([*shown, *own]))
        forbidden = set(job.required_skills) - set(shown)
        must = [s for s in must if s not in forbidden]
        months = _years_to_months(rng, _in_range_years(rng, job))
        graduated = _graduation(rng, TODAY - months)
        level = int(job.seniority)
        education = [_education_for(rng, neighbour_spec.education[level], neighbour, graduated, split)]
        segments = [Segment(neighbour, months, tuple(must), frozenset(forbidden))]
        return _Plan(segments, education, _usual_credentials(rng, neighbour, level), [], [], ["adjacent_field"])
    if kind == "stuffer":
        other = _pick_other_field(rng, job.field)
        segment, education, credentials = _other_career(rng, other, split)
        segment = replace(segment, forbidden=frozenset(job.required_skills) | frozenset(job.nice_skills))
        listed = [*job.required_skills, *job.nice_skills]
        return _Plan([segment], education, credentials, listed, [], ["keyword_stuffer"])
    if kind == "shared":
        case = rng.choice(half(SHARED_VOCABULARY[job.field], split))
        segment, education, credentials = _other_career(rng, case.field, split)
        named = frozenset(case.skills) | frozenset(job.required_skills)
        segment = replace(segment, must=tuple(s for s in segment.must if s not in named), forbidden=named)
        mentions = [Mention(skill, case.sentence) for skill in case.skills] or (
            [Mention("", case.sentence)] if case.sentence else []
        )
        return _Plan(
            [segment],
            education,
            credentials,
            [],
            mentions,
            ["shared_vocabulary"],
            employer_override=case.employer,
            shared_sentence=case.sentence,
        )
    # A career changer: years in another field, then a qualification and recent work in the job's field.
    other = _pick_other_field(rng, job.field)
    old_months = _years_to_months(rng, rng.randint(3, 10))
    old_must = tuple(rng.sample(FIELDS[other].core, k=4))
    top = job.min_years + 1 if job.max_years is None else min(job.min_years + 1, job.max_years)
    new_years = rng.randint(max(0, job.min_years - 1), max(top, 0))
    new_months = _years_to_months(rng, new_years)
    must = list(job.required_skills)
    if rng.random() < 0.4:
        must.remove(rng.choice(must))
    forbidden = set(job.required_skills) - set(must)
    segments = [
        Segment(other, old_months, old_must, frozenset(job.required_skills)),
        Segment(job.field, new_months, tuple(must), frozenset(forbidden)),
    ]
    old_graduated = _graduation(rng, TODAY - new_months - old_months - 8)
    new_graduated = TODAY - new_months - rng.randint(1, 4)
    education = [
        _education_for(rng, FIELDS[other].education[1], other, old_graduated, split),
        _education_for(
            rng,
            job.education or EducationRequirement(Level.CERTIFICATE, spec.subjects[:1], True),
            job.field,
            new_graduated,
            split,
        ),
    ]
    credentials = list(dict.fromkeys([*job.licences, *job.certifications, *_usual_credentials(rng, other, 1)]))
    return _Plan(segments, education, credentials, [], [], ["career_changer"])


def _incidental(rng: random.Random, skill: str, split: str) -> Mention:
    template = rng.choice(half(INCIDENTAL_MENTIONS, split))
    term = rng.choice(SKILLS[skill].spellings)
    return Mention(skill, template.format(t=term))


def draw_profile(
    rng: random.Random,
    kind: str,
    job: Job,
    *,
    split: str,
    resume_id: str,
    person: Person,
    granularity: Granularity,
) -> Profile:
    """One profile of `kind` drawn around `job`, drawn again (up to a few times) until it hits its aim."""
    aim = _AIM[kind]
    profile: Profile | None = None
    for attempt in range(_ATTEMPTS):
        # Coarse dates can stretch a role past a posting's range; later attempts use exact months.
        plan = _plan(rng, kind, job, split)
        roles = lay_out(
            rng,
            plan.segments,
            split=split,
            granularity=granularity if attempt < 2 else "month",
            location=person.location,
            current=plan.current,
        )
        if plan.employer_override:
            roles = (replace(roles[0], employer=plan.employer_override), *roles[1:])
        evidenced = {skill for role in roles for skill in role.skills}
        listed = list(
            dict.fromkeys([*sorted(evidenced, key=lambda s: (s not in job.required_skills, s)), *plan.listed_extra])
        )
        if "keyword_stuffer" in plan.traits:
            rng.shuffle(listed)
        profile = Profile(
            resume_id=resume_id,
            name=person.name,
            email=person.email,
            phone=person.phone,
            location=person.location,
            field=roles[0].field,
            roles=roles,
            education=tuple(sorted(plan.education, key=lambda e: -e.year)),
            credentials=tuple(plan.credentials),
            listed_skills=tuple(listed),
            mentions=tuple(plan.mentions),
            traits=tuple(plan.traits),
            anchor_job=job.job_id,
        )
        if not aim or grade_pair(job, profile).grade in aim:
            return profile
    assert profile is not None
    return profile


def draw_kind(rng: random.Random, kind: str, job: Job) -> str:
    """The kind actually drawn: "adjacent" becomes "weak" where the field has no neighbour."""
    if kind == "adjacent" and not ADJACENT[job.field]:
        return "weak"
    if kind == "level" and job.min_years < 3 and job.max_years is None:
        return "gap"
    if kind == "gap_or_licence":
        return "unlicensed" if job.licences else "gap"
    return kind


def with_writing_traits(rng: random.Random, profile: Profile, kind: str, job: Job, split: str) -> Profile:
    """Writing-only traits (they never change a grade): synonyms, no skills section, a passing mention."""
    traits = list(profile.traits)
    mentions = list(profile.mentions)
    if kind not in {"stuffer", "shared"} and rng.random() < 0.25:
        traits.append("synonym_rich")
    if kind != "stuffer" and rng.random() < 0.2:
        traits.append("no_skills_section")
    if kind in {"strong", "changer"} and rng.random() < 0.15:
        implied = frozenset().union(*(implied_by_titles(role.field) for role in profile.roles))
        lacking = [
            s
            for s in (*job.nice_skills, *FIELDS[job.field].extra)
            if s not in profile.evidenced_skills() and s not in profile.listed_skills and s not in implied
        ]
        if lacking:
            mentions.append(_incidental(rng, rng.choice(lacking), split))
            traits.append("incidental_mention")
    return replace(profile, traits=tuple(dict.fromkeys(traits)), mentions=tuple(mentions))

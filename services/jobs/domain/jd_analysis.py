"""Job description analysis: what a posting requires and prefers, read from its title and description.

Skills, credentials, education and years are each read in the spans the text sets up (see
`spans`): a heading or label says whether what follows is required or preferred, a clause's own
marker ("MBA preferred") overrides it, and benefits are ignored. A skill mentioned both ways is
required. Licences and certifications are kept apart from skills (`credentials`), the years form a
range (`experience`), the education asked for is one statement (`education`), the level comes
from the title, the description's cues and the years (`seniority`), and the occupational field from
the title, description and required skills (`contracts.occupations.classify_job`).
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events.jobs import Seniority
from contracts.occupations import classify_job
from contracts.skills import Taxonomy, default_taxonomy
from services.jobs.domain.credentials import read_credentials
from services.jobs.domain.education import JobEducation, education_requirement, names_a_degree
from services.jobs.domain.experience import experience_range
from services.jobs.domain.seniority import infer_seniority
from services.jobs.domain.spans import read_posting

__all__ = [
    "EMBEDDING_TEXT_MAX_CHARS",
    "JobEducation",
    "JobRequirements",
    "analyse_job",
    "embedding_text",
    "infer_seniority",
]

# The contract caps what the matcher embeds.
EMBEDDING_TEXT_MAX_CHARS = 20_000


@dataclass(frozen=True)
class JobRequirements:
    """What a job asks for, as the analysis read it."""

    required_skills: tuple[str, ...]
    preferred_skills: tuple[str, ...]
    min_years_experience: float | None
    seniority: Seniority | None
    # A stated ceiling ("less than 12 months", "new graduates"): a rule, not a hint.
    max_years_experience: float | None = None
    education: JobEducation | None = None
    required_licences: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()
    preferred_certifications: tuple[str, ...] = ()
    # The occupational field (`contracts.occupations`), None when the posting does not tell.
    field: str | None = None


def analyse_job(title: str, description: str, *, taxonomy: Taxonomy | None = None) -> JobRequirements:
    """Read a job's title and description into requirements (pure; no I/O)."""
    taxonomy = taxonomy or default_taxonomy()
    posting = read_posting(title, description)
    mentions = taxonomy.find(posting.text)
    credentials = read_credentials(posting, mentions, taxonomy=taxonomy)
    skill_spans = [(mention.start, mention.end) for mention in mentions]
    education = education_requirement(posting, skill_spans=skill_spans)
    written = [name.casefold() for name in (education.fields if education else ())]
    subjects = {(taxonomy.canonical(name) or name).casefold() for name in written}
    required: dict[str, None] = {}
    preferred: dict[str, None] = {}
    for mention in mentions:
        kind = posting.kind_at(mention.start)
        if kind == "ignored" or mention.skill in credentials.names:
            continue
        named = mention.skill.casefold() in subjects or any(mention.matched.casefold() in name for name in written)
        if named and names_a_degree(posting, mention.start):
            continue  # the subject of a degree asked for, not a skill
        (preferred if kind == "preferred" else required)[mention.skill] = None
    years = experience_range(posting, skill_starts=[start for start, _end in skill_spans])
    required_skills = tuple(required)
    return JobRequirements(
        required_skills=required_skills,
        preferred_skills=tuple(skill for skill in preferred if skill not in required),
        min_years_experience=years.minimum,
        max_years_experience=years.maximum,
        seniority=infer_seniority(posting.title, posting.description, years.minimum, years.maximum),
        education=education,
        required_licences=credentials.required_licences,
        required_certifications=credentials.required_certifications,
        preferred_certifications=credentials.preferred_certifications,
        field=classify_job(posting.title, posting.description, required_skills),
    )


def embedding_text(title: str, description: str) -> str:
    """What the matcher embeds for a job: title and description, capped to the contract's limit."""
    return f"{title.strip()}\n\n{description.strip()}"[:EMBEDDING_TEXT_MAX_CHARS]

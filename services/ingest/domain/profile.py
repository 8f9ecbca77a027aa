"""Reading a `ParsedProfile` out of resume text: the deterministic extractor.

Everything here is a pure function of the text, the links the document carried and `today` (what
"Present" means), so the same file always gives the same profile. The steps: logical lines
(`lines`), sections (`sections`), entries per section (`experience`, `education`, `projects`,
`certifications`), skills with evidence (`skills_evidence`), and a confidence (`confidence`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from contracts.skills import Taxonomy
from services.ingest.domain.certifications import read_certifications
from services.ingest.domain.confidence import Findings, assess
from services.ingest.domain.contact import (
    email_in,
    find_links,
    guess_name,
    is_contact_line,
    name_beside_email,
    name_in_line,
    phone_in,
)
from services.ingest.domain.dates import total_months
from services.ingest.domain.education import read_education
from services.ingest.domain.entry_headings import is_role, split_parts
from services.ingest.domain.experience import read_experience
from services.ingest.domain.lines import Line, logical_lines
from services.ingest.domain.personal import (
    deidentify,
    is_personal_line,
    is_place_line,
    name_words,
    without_photo_captions,
)
from services.ingest.domain.projects import read_projects
from services.ingest.domain.schema import (
    Certification,
    EducationEntry,
    ExperienceEntry,
    ParsedProfile,
    ProjectEntry,
)
from services.ingest.domain.sections import Section, split_sections
from services.ingest.domain.skills_evidence import (
    Region,
    collect_skills,
    disciplines_of,
    skills_in,
    unknown_skill_terms,
)

PARSER_VERSION = 2
_HEADLINE_SCAN = 4
_MAX_SUMMARY = 3000


def parse_profile(
    text: str,
    *,
    taxonomy: Taxonomy,
    today: date,
    document_links: Sequence[str] = (),
) -> ParsedProfile:
    """The structured profile in a resume's (normalised) text; `today` is what "Present" means."""
    sections = split_sections(logical_lines(text))
    header = sections[0]
    # The name opens the resume, before any heading; a sidebar template may put it beside the e-mail instead.
    name = guess_name([line.text for line in header.lines]) or name_beside_email(text.splitlines())
    headline = _headline(header.lines, name)
    # Address, birth date, photo captions and the like say nothing of the work: no part reads them.
    sections = [_without_personal_lines(section) for section in sections]
    regions: list[Region] = []
    experience: list[ExperienceEntry] = []
    projects: list[ProjectEntry] = []
    education: list[EducationEntry] = []
    certifications: list[Certification] = []
    intervals = []
    summary_parts: list[str] = []
    for section in sections:
        if section.kind == "header":
            # Contact lines name no skills, but their links would ("github.com/jane" is not Git), nor
            # does the name line (Jordan Swift knows no Swift by name) or where the person lives.
            headline_text = "\n".join(line.text for line in section.lines if _is_header_content(line.text, name))
            implied = disciplines_of(headline, taxonomy) if headline else ()
            regions.append(Region("headline", "headline", headline_text, implied=implied))
        elif section.kind == "summary":
            summary_parts.append(section.text())
            regions.append(Region("summary", "summary", section.text()))
        elif section.kind == "skills":
            regions.append(Region("skills", "skills-section", section.text()))
        elif section.kind == "experience":
            for job in read_experience([section], today=today):
                label = job.entry.company or job.entry.role or "unnamed"
                # An employer's name is no skill: "SAP SE" or "Canva" as employers say nothing of the person.
                job_text = job.text.replace(job.entry.company, " ") if job.entry.company else job.text
                implied = disciplines_of(job.entry.role, taxonomy) if job.entry.role else ()
                region = Region("job", f"job:{label}", job_text, job.interval, implied)
                regions.append(region)
                experience.append(job.entry.model_copy(update={"skills": skills_in(region, taxonomy)[:100]}))
                if job.interval is not None:
                    intervals.append(job.interval)
        elif section.kind == "projects":
            for project in read_projects([section], today=today):
                region = Region("project", f"project:{project.entry.title}", project.text, project.interval)
                regions.append(region)
                projects.append(project.entry.model_copy(update={"skills_used": skills_in(region, taxonomy)[:100]}))
        elif section.kind == "education":
            for schooling in read_education([section]):
                label = schooling.entry.degree or schooling.entry.institution or "unnamed"
                regions.append(Region("course", f"course:{label}", schooling.text))
                education.append(schooling.entry)
        elif section.kind == "certifications":
            for credential in read_certifications([section]):
                regions.append(Region("certification", f"certification:{credential.entry.name}", credential.text))
                certifications.append(credential.entry)
        else:
            regions.append(Region("other", "mentioned", section.text()))
    skills = collect_skills(_without_names(regions, experience, education, certifications, person=name), taxonomy)
    email = email_in(text, document_links)
    phone = phone_in(text, document_links)
    confidence, flags = assess(
        Findings(
            has_name=name is not None,
            has_email=email is not None,
            has_phone=phone is not None,
            sections=sum(1 for section in sections if section.kind != "header"),
            jobs=len(experience),
            dated_jobs=sum(1 for entry in experience if entry.start_date),
            skills=len(skills),
            education=len(education),
            text_chars=len(text),
        )
    )
    summary = "\n".join(part for part in summary_parts if part).strip()
    return ParsedProfile(
        name=name,
        email=email,
        phone=phone,
        links=list(find_links(text, document_links)),
        headline=headline,
        summary=summary[:_MAX_SUMMARY] or None,
        skills=skills,
        experience=experience[:50],
        projects=projects[:50],
        education=education[:20],
        certifications=certifications[:50],
        total_experience_months=min(total_months(intervals), 720) if intervals else None,
        unknown_skills=unknown_skill_terms(regions, getattr(taxonomy, "unknown_terms", None)),
        confidence=confidence,
        review_flags=flags,
        text_chars=len(text),
    )


def _without_personal_lines(section: Section) -> Section:
    lines = [replace(line, text=without_photo_captions(line.text)) for line in section.lines]
    return replace(section, lines=[line for line in lines if line.text.strip() and not is_personal_line(line.text)])


def _is_header_content(text: str, name: str | None) -> bool:
    """Whether a header line may say something about the work (not contact details, the name or a place)."""
    if is_contact_line(text) or is_place_line(text):
        return False
    return name is None or name_in_line(text) != name


def _without_names(
    regions: Sequence[Region],
    experience: Sequence[ExperienceEntry],
    education: Sequence[EducationEntry],
    certifications: Sequence[Certification],
    *,
    person: str | None,
) -> list[Region]:
    """The regions with the names of organisations and of the person blanked: "at OpenAI", "Oracle Certified",
    "Java Junction Café" or "Python Plaza Academy" name an organisation, and "Jordan Swift" a person, not a
    skill. Skills sections keep them: there a name is a claim."""
    names = {entry.company for entry in experience if entry.company}
    names |= {entry.institution for entry in education if entry.institution}
    names |= {entry.issuer for entry in certifications if entry.issuer}
    names |= name_words(person) if person else set()
    pattern = _names_pattern(names)
    if pattern is None:
        return list(regions)
    return [
        region if region.kind == "skills" else replace(region, text=pattern.sub(" ", region.text)) for region in regions
    ]


def _names_pattern(names: set[str]) -> re.Pattern[str] | None:
    usable = sorted((name for name in names if len(name) > 2), key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in usable))


def _headline(header: Sequence[Line], name: str | None) -> str | None:
    """The title under (or beside) the name: "Machine Learning Engineer", "Jane Doe | Data Engineer"."""
    start = 0
    for index, line in enumerate(header):
        if name is not None and name_in_line(line.text) == name:
            parts = split_parts(line.text)
            beside = [part for part in parts[1:] if is_role(part)]
            if beside:
                return beside[0][:300]
            start = index + 1
            break
    for line in header[start : start + _HEADLINE_SCAN]:
        text = line.text.strip()
        if is_contact_line(text) or len(text.split()) > 10 or re.search(r"\d{3}", text):
            continue
        if is_role(text):
            return text[:300]
    return None


def embedding_text(text: str, *, profile: ParsedProfile, limit: int) -> str:
    """What the matcher embeds: the profile's headline and skills, then the text without personal data.

    Names, contact details, addresses, ages, photos and gendered words say nothing about fit and would
    only let the matcher tell people apart by who they are: two resumes that differ only in them give
    the same text. The headline and skills come first so the model's short window sees them.
    """
    head = [profile.headline or "", _skills_line(profile)]
    body = deidentify(_body_text(text, name=profile.name), name=profile.name)
    lines = [" ".join(line.split()) for line in [*head, *body.splitlines()]]
    # Lines left with no word of two letters or more were contact lines or icon glyphs.
    kept = [line for line in lines if re.search(r"[^\W\d_]{2}", line) and not _LABELS_ONLY.fullmatch(line)]
    return _cut("\n".join(dict.fromkeys(kept)), limit)


_LABELS_ONLY = re.compile(
    r"(?:\W*(?:e-?mail|phone|mobile|cell|tel|telephone|linkedin|github|website|web|portfolio|contact|address)\W*)+",
    re.IGNORECASE,
)
_EMBEDDED_SKILLS = 40


def _skills_line(profile: ParsedProfile) -> str:
    """The canonical skills, those used longest first: the same words whatever the resume's wording."""
    ranked = sorted(profile.skills, key=lambda skill: -(skill.months_experience or 0))
    names = [skill.name for skill in ranked[:_EMBEDDED_SKILLS]]
    return f"Skills: {', '.join(names)}" if names else ""


def _body_text(text: str, *, name: str | None) -> str:
    """The resume's lines without its header's contact block (the headline is given apart)."""
    sections = split_sections(logical_lines(text))
    lines = [line.text for line in sections[0].lines if _is_header_content(line.text, name)]
    for section in sections[1:]:
        lines.append(section.heading)
        lines.extend(line.text for line in section.lines)
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:boundary] if boundary > limit * 0.8 else cut).rstrip()

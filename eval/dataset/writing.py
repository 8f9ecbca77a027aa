"""Writing a latent profile as a resume: wording, dates, sections and the style of one person.

The style is drawn before the career (its date format decides how precise the latent dates may be).
Every skill term written about the person (skills section, summary, role bullets) is recorded as a
shown skill; titles, skills-section items and credentials are recorded as genuine text, in which
the vocabulary may find more (a degree names a subject studied, not a skill shown). Free wording (outcomes, duties), passing mentions and
shared-vocabulary sentences are written but recorded as neither, so labels never count them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from eval.dataset.careers import SEASONS, Granularity
from eval.dataset.document import DatesAt, Document, RoleBlock, Section, SkillStyle
from eval.dataset.fields import CREDENTIALS, DEGREE_NAMES, FIELDS, SPECIAL_DEGREES, SUBJECTS
from eval.dataset.jobs import in_sentence
from eval.dataset.model import Education, Profile, Role
from eval.dataset.people import half
from eval.dataset.skills import SKILLS

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Date formats: (id, granularity). Tune and held-out take alternate entries.
DATE_FORMATS: tuple[tuple[str, Granularity], ...] = (
    ("mon_abbr", "month"),
    ("numeric", "month"),
    ("month_to", "month"),
    ("years_now", "year"),
    ("years", "year"),
    ("seasons", "season"),
    ("iso", "month"),
    ("mon_dot", "month"),
)
_PRESENT = ("Present", "Now", "present", "Current", "to date", "Today")
_DASHES = (" - ", "–", " – ", " — ")

_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("Summary", "About Me", "Profile", "Professional Summary"),
    "experience": (
        "Experience",
        "Professional Background",
        "Work History",
        "Career",
        "Employment",
        "Work Experience",
        "Professional Experience",
        "Employment History",
    ),
    "skills": ("Skills", "Key Skills", "Technical Skills", "Competencies", "Core Skills", "Areas of Expertise"),
    "education": ("Education", "Qualifications", "Education & Training", "Academic Background"),
    "credentials": ("Certifications", "Licenses", "Licences & Certifications", "Credentials"),
    "other": ("Professional Development", "Interests", "Learning", "Other"),
}
_ROLE_HEADS = (
    "{title}, {employer}",
    "{title} at {employer}",
    "{employer} | {title}",
    "{employer}, {location}: {title}",
    "{title} — {employer}, {location}",
    "{title} / {employer}",
    "{EMPLOYER} — {title}",
    "{employer} ({location}) - {title}",
)
_INLINE_DATES = ("{head} ({dates})", "{head}, {dates}", "{head} | {dates}", "{head} · {dates}")

_TOOL_BULLETS = (
    "Used {a} and {b} to {g}.",
    "Worked in {a} day to day to {g}.",
    "Introduced {a} to {g}.",
    "Relied on {a} together with {b} to {g}.",
    "Built on {a} to {g}.",
    "Brought in {a} and {b}, which helped {g}.",
    "Applied {a} to {g}.",
    "Set up {a} so the team could {g}.",
)
_PRACTICE_BULLETS = (
    "Handled {a} and {b} to {g}.",
    "Took charge of {a} to {g}.",
    "Took responsibility for {a} and {b}, helping {g}.",
    "Led {a} to {g}.",
    "Carried out {a} to {g}.",
    "Owned {a} for the team, helping {g}.",
    "Did {a} and {b} daily, which helped {g}.",
    "Delivered {a} that helped {g}.",
)
_LIST_BULLETS = (
    "Covered {list} in day-to-day work.",
    "Regularly used {list}.",
    "Worked hands-on with {list}.",
    "Kept up {list} as part of everyday work.",
)
# Bullets without an outcome, once a field's outcomes are used up in a resume.
_PLAIN_TOOL_BULLETS = (
    "Used {a} throughout the role.",
    "Worked with {a} on everyday tasks.",
    "Relied on {a} for routine work.",
    "Used {a} most days.",
)
_PLAIN_PRACTICE_BULLETS = (
    "Handled {a} as a regular part of the job.",
    "Took on {a} week in, week out.",
    "Practised {a} on every shift or project.",
    "Looked after {a} for the team.",
)
_SUMMARIES = (
    "{title} with {years} of experience. Strengths include {skills}.",
    "I am {a} {title} with {years} behind me, most recently at {employer}. I work mostly with {skills}.",
    "Dependable {title} ({years} in the field) known for {skills}.",
    "{first} is {a} {title} with {years} of experience, strongest in {skills}.",
    "{title} who enjoys solving practical problems, with {years} of experience in {skills}.",
    "I have spent {years} working as {a} {title}, mainly with {skills}.",
    "Experienced {title}: {years}, hands-on with {skills}.",
    "{A} {title} with {years} of experience; core strengths in {skills}.",
)
_CHANGER_SUMMARIES = (
    "Former {old} who moved into work as {a} {title}; {years} in the new field, hands-on with {skills}.",
    "After a first career as a {old}, I retrained and now work as {a} {title}, mainly with {skills}.",
    "Career changer: {old} turned {title}, with recent work in {skills}.",
    "{first} spent years as a {old} before becoming {a} {title}; recent work covers {skills}.",
)
_EDUCATION_LINES = (
    "{degree}, {school}, {year}",
    "{school}: {degree}, {year}",
    "{degree} — {school} ({year})",
    "{year}  {degree}, {school}",
    "{degree} | {school} | {year}",
    "{school} — {degree} ({year})",
)
_GROUP_LABELS = (("Tools", "Methods"), ("Software", "Expertise"), ("Platforms", "Practices"), ("Technology", "Skills"))
_CONTACT_STYLES = ("lines", "one_line", "labelled", "pipes")


@dataclass(frozen=True)
class Style:
    """How one resume is written."""

    date_format: str
    granularity: Granularity
    present: str
    dash: str
    voice: str  # terse, first_person, third_person or prose
    role_head: str
    inline_dates: str
    dates_at: DatesAt
    skill_style: SkillStyle
    summary: bool
    skills_first: bool
    upper_headings: bool
    bullet: str
    contact_style: str
    name_style: str  # plain, upper or last_first
    headings: dict[str, str]
    synonym_rate: float


def draw_style(rng: random.Random, split: str) -> Style:
    """A writing style from the split's half of every pool."""
    date_format, granularity = rng.choice(half(DATE_FORMATS, split))
    return Style(
        date_format=date_format,
        granularity=granularity,
        present=rng.choice(half(_PRESENT, split)),
        dash=" to " if date_format == "month_to" else rng.choice(half(_DASHES, split)),
        voice=rng.choice(("terse", "terse", "first_person", "third_person", "prose")),
        role_head=rng.choice(half(_ROLE_HEADS, split)),
        inline_dates=rng.choice(half(_INLINE_DATES, split)),
        dates_at=rng.choice(("inline", "after", "before", "right")),
        skill_style=rng.choice(("comma", "pipes", "bullets", "table", "grouped")),
        summary=rng.random() < 0.7,
        skills_first=rng.random() < 0.35,
        upper_headings=rng.random() < 0.4,
        bullet=rng.choice(half(("•", "-", "*", "–", "·", "o"), split)),
        contact_style=rng.choice(_CONTACT_STYLES),
        name_style=rng.choice(("plain", "plain", "upper", "last_first")),
        headings={kind: rng.choice(half(options, split)) for kind, options in _HEADINGS.items()},
        synonym_rate=0.15,
    )


def _month_word(index: int, date_format: str) -> str:
    year, month = divmod(index, 12)
    if date_format == "mon_abbr":
        return f"{_MONTHS[month][:3]} {year}"
    if date_format == "mon_dot":
        name = _MONTHS[month]
        return f"{name} {year}" if len(name) <= 4 else f"{name[:3]}. {year}"
    if date_format == "month_to":
        return f"{_MONTHS[month]} {year}"
    if date_format == "numeric":
        return f"{month + 1:02d}/{year}"
    if date_format == "iso":
        return f"{year}-{month + 1:02d}"
    return str(year)


def _season(index: int, *, end: bool) -> str:
    year, month = divmod(index, 12)
    for name, (first, last) in SEASONS.items():
        if (last if end else first) - 1 == month:
            return f"{name} {year}"
    raise ValueError(f"month {month + 1} is not a season boundary")


def representable(roles: tuple[Role, ...], granularity: Granularity) -> bool:
    """Whether every role's dates can be written exactly at this granularity."""
    if granularity == "month":
        return True
    starts = {0} if granularity == "year" else {first - 1 for first, _ in SEASONS.values()}
    ends = {11} if granularity == "year" else {last - 1 for _, last in SEASONS.values()}
    return all(r.start % 12 in starts and (r.end is None or r.end % 12 in ends) for r in roles)


def date_range(role: Role, style: Style) -> str:
    """The role's dates as this resume writes them."""
    present = style.present
    if style.date_format == "seasons":
        start = _season(role.start, end=False)
        end = present if role.end is None else _season(role.end, end=True)
    else:
        start = _month_word(role.start, style.date_format)
        end = present if role.end is None else _month_word(role.end, style.date_format)
    if style.granularity == "year" and start == end:
        return start
    return f"{start}{style.dash}{end}"


def _years_words(rng: random.Random, months: int) -> str:
    years = months // 12
    if years == 0:
        return rng.choice(("less than a year", "under a year"))
    if years == 1:
        return "one year"
    words = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    spelled = words[years - 2] if years - 2 < len(words) else str(years)
    return rng.choice(
        (f"{years} years", f"{spelled} years", f"over {years} years" if months % 12 else f"{years} years")
    )


class _Writer:
    """Writes one profile; collects genuine text and the skills shown in it."""

    def __init__(self, rng: random.Random, profile: Profile, style: Style, split: str) -> None:
        self.rng = rng
        self.profile = profile
        self.style = style
        self.split = split
        self.genuine: list[str] = []
        self.shown: set[str] = set()
        self.synonym_rich = "synonym_rich" in profile.traits
        self.goals_used: set[str] = set()

    def term(self, skill: str) -> str:
        spec = SKILLS[skill]
        self.shown.add(skill)
        if self.synonym_rich or self.rng.random() < self.style.synonym_rate:
            return self.rng.choice(spec.synonyms)
        return spec.spellings[0]

    def said(self, text: str) -> str:
        """Record text whose vocabulary names the person's own skills (titles, skills, credentials)."""
        self.genuine.append(text)
        return text

    def goal(self, field: str) -> str:
        """An outcome of the field not yet used in this resume, or "" when all are used."""
        goals = [g for g in half(FIELDS[field].goals, self.split) if g not in self.goals_used]
        if not goals:
            return ""
        chosen = self.rng.choice(goals)
        self.goals_used.add(chosen)
        return chosen

    def bullets(self, role: Role) -> list[str]:
        skills = list(role.skills)
        self.rng.shuffle(skills)
        lines: list[str] = []
        while skills:
            first = skills.pop()
            kind = SKILLS[first].kind
            partner = next((s for s in skills if SKILLS[s].kind == kind), None)
            if len(skills) >= 3 and self.rng.random() < 0.3:
                group = [first, *[skills.pop() for _ in range(2)]]
                listed = [in_sentence(s, self.term(s)) for s in group]
                template = self.rng.choice(half(_LIST_BULLETS, self.split))
                lines.append(template.format(list=", ".join(listed[:-1]) + " and " + listed[-1]))
                continue
            goal = self.goal(role.field)
            pool: tuple[str, ...]
            if goal:
                pool = _TOOL_BULLETS if kind == "tool" else _PRACTICE_BULLETS
            else:
                pool = _PLAIN_TOOL_BULLETS if kind == "tool" else _PLAIN_PRACTICE_BULLETS
            templates = half(pool, self.split)
            if partner is None:
                templates = tuple(t for t in templates if "{b}" not in t)
            template = self.rng.choice(templates)
            b = ""
            if "{b}" in template and partner is not None:
                skills.remove(partner)
                b = in_sentence(partner, self.term(partner))
            a = in_sentence(first, self.term(first))
            lines.append(template.format(a=a, b=b, g=goal))
        duties = half(FIELDS[role.field].duties, self.split)
        lines += self.rng.sample(duties, k=self.rng.randint(0 if lines else 1, min(2, len(duties))))
        self.rng.shuffle(lines)
        return [self.voiced(line) for line in lines]

    def voiced(self, line: str) -> str:
        lowered = line[0].lower() + line[1:]
        if self.style.voice in {"first_person", "prose"}:
            return "I " + lowered
        if self.style.voice == "third_person":
            return self.profile.name.split(" ")[0] + " " + lowered
        return line

    def role_block(self, role: Role, extra: list[str]) -> RoleBlock:
        location = role.location.split(",")[0]
        head = self.style.role_head.format(
            title=role.title, employer=role.employer, EMPLOYER=role.employer.upper(), location=location
        )
        self.said(role.title)
        lines = self.bullets(role)
        lines += extra
        dates = date_range(role, self.style)
        inline = self.style.inline_dates.format(head=head, dates=dates)
        return RoleBlock(head=head, dates=dates, inline=inline, lines=tuple(lines), prose=self.style.voice == "prose")

    def summary(self) -> str:
        profile = self.profile
        latest = profile.roles[0]
        field_months = len({m for r in profile.roles if r.field == latest.field for m in r.months()})
        # A summary speaks of the current work first, then of what the skills section claims.
        recent = [s for s in latest.skills if s in SKILLS]
        top = list(dict.fromkeys([*recent, *profile.listed_skills]))[:5]
        picked = self.rng.sample(top, k=min(3, len(top))) if top else []
        terms = [in_sentence(s, self.term(s)) for s in picked]
        skills = ", ".join(terms[:-1]) + " and " + terms[-1] if len(terms) > 1 else (terms[0] if terms else "the work")
        values = {
            "title": latest.title,
            "a": "an" if latest.title[:1].upper() in "AEIOU" else "a",
            "A": "An" if latest.title[:1].upper() in "AEIOU" else "A",
            "years": _years_words(self.rng, field_months),
            "skills": skills,
            "employer": latest.employer,
            "first": profile.name.split(" ")[0],
        }
        if "career_changer" in profile.traits:
            old = profile.roles[-1].title
            return self.rng.choice(half(_CHANGER_SUMMARIES, self.split)).format(old=old, **values)
        return self.rng.choice(half(_SUMMARIES, self.split)).format(**values)

    def education_line(self, education: Education) -> str:
        subject = self.rng.choice(SUBJECTS[education.subject])
        special = SPECIAL_DEGREES.get((education.level, education.subject))
        degree = (
            self.rng.choice(special) if special else self.rng.choice(DEGREE_NAMES[education.level]).format(s=subject)
        )
        template = self.rng.choice(half(_EDUCATION_LINES, self.split))
        return template.format(degree=degree, school=education.school, year=education.year)

    def skills_section(self, heading: str) -> Section:
        terms = [(skill, self.term(skill)) for skill in self.profile.listed_skills]
        for _, term in terms:
            self.said(term)
        style = self.style.skill_style
        if style == "grouped":
            labels = self.rng.choice(half(_GROUP_LABELS, self.split))
            tools = tuple(t for s, t in terms if SKILLS[s].kind == "tool")
            practices = tuple(t for s, t in terms if SKILLS[s].kind == "practice")
            groups = tuple((label, items) for label, items in zip(labels, (tools, practices), strict=True) if items)
            return Section("skills", heading, groups=groups, skill_style=style)
        return Section("skills", heading, items=tuple(t for _, t in terms), skill_style=style)

    def document(self) -> Document:
        profile, style = self.profile, self.style
        mention_lines: dict[str, list[str]] = {}
        other_lines: list[str] = []
        pending: list[str] = []
        seen: set[str] = set()
        for mention in profile.mentions:
            if mention.sentence in seen:
                continue
            seen.add(mention.sentence)
            if not mention.skill and "missing_licence" in profile.traits:
                pending.append(mention.sentence)
            elif "shared_vocabulary" in profile.traits:
                mention_lines.setdefault(profile.roles[0].employer, []).append(self.voiced(mention.sentence))
            elif self.rng.random() < 0.5:
                other_lines.append(mention.sentence)
            else:
                mention_lines.setdefault(profile.roles[0].employer, []).append(self.voiced(mention.sentence))
        sections: list[Section] = []
        if style.summary:
            sections.append(Section("summary", style.headings["summary"], paragraphs=(self.summary(),)))
        roles = tuple(self.role_block(role, mention_lines.get(role.employer, [])) for role in profile.roles)
        experience = Section("experience", style.headings["experience"], roles=roles)
        skills = None if "no_skills_section" in profile.traits else self.skills_section(style.headings["skills"])
        body = (
            [experience] if skills is None else ([skills, experience] if style.skills_first else [experience, skills])
        )
        sections += body
        sections.append(
            Section(
                "education", style.headings["education"], items=tuple(self.education_line(e) for e in profile.education)
            )
        )
        if profile.credentials or pending:
            held = tuple(self.said(self.rng.choice(CREDENTIALS[c].spellings)) for c in profile.credentials)
            sections.append(Section("credentials", style.headings["credentials"], items=(*held, *pending)))
        if other_lines:
            sections.append(Section("other", style.headings["other"], items=tuple(other_lines)))
        return Document(
            name=self.name_line(),
            contact=self.contact(),
            sections=tuple(sections),
            bullet=style.bullet,
            dates_at=style.dates_at,
            upper_headings=style.upper_headings,
            genuine=tuple(self.genuine),
        )

    def name_line(self) -> str:
        name = self.profile.name
        if self.style.name_style == "upper":
            return name.upper()
        if self.style.name_style == "last_first":
            first, _, last = name.rpartition(" ")
            return f"{last.upper()}, {first}"
        return name

    def contact(self) -> tuple[str, ...]:
        profile = self.profile
        style = self.style.contact_style
        if style == "one_line":
            return (f"{profile.location} · {profile.phone} · {profile.email}",)
        if style == "labelled":
            return (f"Email: {profile.email}", f"Phone: {profile.phone}", f"Location: {profile.location}")
        if style == "pipes":
            return (f"{profile.email} | {profile.phone} | {profile.location}",)
        return (profile.email, profile.phone, profile.location)


def write_resume(rng: random.Random, profile: Profile, style: Style, split: str) -> tuple[Document, frozenset[str]]:
    """The document of a profile and the skill ids its genuine text shows."""
    if not representable(profile.roles, style.granularity):
        # The career was laid out in exact months: write it with this half's month format.
        style = _with_month_format(style, split)
    writer = _Writer(rng, profile, style, split)
    document = writer.document()
    return document, frozenset(writer.shown)


def _with_month_format(style: Style, split: str) -> Style:
    date_format = next(name for name, granularity in half(DATE_FORMATS, split) if granularity == "month")
    dash = " to " if date_format == "month_to" else (style.dash if style.dash != " to " else " - ")
    return replace(style, date_format=date_format, granularity="month", dash=dash)

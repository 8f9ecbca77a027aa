"""Mentions of a skill that are no evidence the candidate has it: someone else's, or only in passing.

- The people a recruiter hired or the roles filled: "hired Kubernetes engineers", "filled 40 Java roles".
- What a salesperson sold: "sold AWS migrations", "sold Salesforce licences".
- The people or team a manager ran, or people worked beside: "managed a team of Java developers",
  "led the iOS team", "partnered with React developers".
- Clients and organisations named after a skill: "clients such as SAP", "Java Junction Café".
- Passing mentions: interest, shadowing, a talk or an introduction attended, plans, copy written
  about a product, work built by others, a credential not held yet or any more ("NCLEX-RN exam
  booked", "ACLS - in progress", "BLS (expired 2019)", "CPA candidate"), in a list too.

The candidate's own use still counts: "built services in Java", "sourced candidates in LinkedIn
Recruiter", "joined a team of Java developers", or a "Tech: Java" line under the same role. A
skills section is a list of claims: there only the people nouns and names apply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_LONGEST_CLAUSE = 300

# People and openings: a skill right before one of these names whom someone hired, managed or met.
_PEOPLE = re.compile(
    r"(?:engineers|developers|devs|programmers|coders|architects|administrators|admins|specialists|consultants"
    r"|experts|analysts|scientists|designers|testers|practitioners|professionals|contractors|freelancers"
    r"|candidates|talent|hires|recruits|technicians|nurses|accountants|teachers)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"(?:engineer|developer|dev|programmer|architect|administrator|admin|specialist|consultant|expert|analyst"
    r"|scientist|designer|tester|contractor|freelancer|candidate|hire|technician)\b",
    re.IGNORECASE,
)
_OPENINGS = re.compile(
    r"(?:roles?|positions?|openings?|vacanc(?:y|ies)|requisitions?|reqs?|headcount|jobs?|placements?|seats?)\b",
    re.IGNORECASE,
)
_GROUPS = re.compile(
    r"(?:teams?|squads?|groups?|departments?|practices?|guilds?|chapters?|org|organi[sz]ations?)\b",
    re.IGNORECASE,
)
_QUALITIES = re.compile(
    r"(?:experience|skills?|expertise|background|knowledge|proficiency|know-how|certifications?)\b", re.IGNORECASE
)
_FOLLOWING_NOUN = re.compile(
    "|".join(pattern.pattern for pattern in (_PEOPLE, _PERSON, _OPENINGS, _GROUPS, _QUALITIES)), re.IGNORECASE
)
# Words that may stand between a skill and the people it describes: "Java and Go backend engineers".
_BETWEEN = re.compile(
    r"(?:,|&|/|\+|(?:and|or|senior|junior|sr|jr|lead|principal|staff|backend|back-end|frontend|front-end"
    r"|full[- ]?stack|certified|experienced|skilled|qualified|talented|top|offshore|remote|contract|freelance"
    r"|mid-level|entry-level|new|dedicated|in-house)\b\.?|\d+\+?)",
    re.IGNORECASE,
)
# Verbs whose object is other people or a product: "hired Kubernetes engineers", "sold AWS migrations".
_HIRING = r"hired|hires?|hiring|recruit(?:s|ed|ing|ment)?|sourced|headhunt(?:ed|ing)|staffed|placed|filled"
_SELLING = (
    r"s(?:old|ell|ells|elling)|resold|resell(?:s|ing)?|upsold|upsell(?:s|ing)?|cross-s(?:old|ell|elling)"
    r"|pitch(?:ed|es|ing)?|marketed|closed\s+(?:deals|contracts)"
)
_MANAGING = (
    r"manag(?:e|ed|es|ing)|l(?:ed|ead|eads|eading)|head(?:ed|ing)|supervis(?:e|ed|ing)|overs(?:aw|ee|eeing)"
    r"|direct(?:ed|ing)|r(?:an|unning)|built|grew|scaled|coach(?:ed|ing)|mentor(?:ed|ing)|train(?:ed|ing)"
    r"|partner(?:ed|ing)|collaborat(?:ed|ing)|work(?:ed|ing)\s+(?:with|alongside)|liais(?:ed|ing)|support(?:ed|ing)"
)
_OBJECT_CUE = re.compile(rf"\b(?:{_HIRING}|{_SELLING})\b", re.IGNORECASE)
# The verb, then its object up to the mention: a few words, not a list that the verb only heads.
_OBJECT_OF = re.compile(rf"\b(?:{_HIRING}|{_SELLING})\s+(?!,)(?:\S+\s+){{0,5}}$", re.IGNORECASE)
# Screening and interviewing pick people too, but their objects are often patients or users: they only
# mark the people or roles a skill is named with ("screened candidates for Airflow roles").
_HIRE_CUE = re.compile(
    rf"\b(?:{_HIRING}|screen(?:ed|ing)|interview(?:ed|ing)|vett(?:ed|ing)|shortlist(?:ed|ing))\b", re.IGNORECASE
)
_MANAGE_CUE = re.compile(rf"\b(?:{_MANAGING}|{_HIRING})\b", re.IGNORECASE)
# "Client: Salesforce", "clients such as SAP and Oracle": organisations served, not skills.
_CLIENTS = re.compile(
    r"\b(?:clients?|customers?|accounts?|brands?)\s+(?:such as|including|incl\.?|like|included|e\.g\.?)"
    r"|^\W*(?:clients?|customers?|end[- ]clients?)\s*[:–—-]",
    re.IGNORECASE,
)
# The candidate is one of the people: "one of six Java developers", "joined a team of Go engineers".
_ONE_OF_THEM = re.compile(
    r"\b(?:one of|as (?:a|an|the|one)|fellow|joined|part of|member of|among|(?:in|within|on) (?:a|the) team of"
    r"|other|myself|with my)\b",
    re.IGNORECASE,
)
# The candidate's own tool inside a clause about others: "sourced candidates using LinkedIn Recruiter".
_OWN_TOOL = re.compile(
    r"\b(?:using|via|through|with|in|on|into|leveraging|utili[sz]ing|by|within|inside|to|from)\b", re.IGNORECASE
)
_BY_ANYONE = re.compile(r"\s+by\s+", re.IGNORECASE)
_PENDING_WORD = re.compile(
    r"\b(?:progress|pending|booked|scheduled|applied|expected|awaited|underway|submitted|planned|expired|lapsed"
    r"|candidate|eligible|towards?|studying|preparing|pursuing)\b",
    re.I,
)
# A new line ends a clause unless the line broke mid-phrase ("... staff accountants with GAAP and" / "...").
_CLAUSE_BREAK = re.compile(
    r"[;!?•|()]|[.](?=\s|$)|(?<!\band)(?<!\bor)(?<!\bwith)(?<!\bof)(?<!\bfor)(?<!\bthe)(?<!\bto)(?<!\bin)(?<!,)\n"
    r"|\s(?:while|whilst|then)\b|,?\s\b(?:and|also)\s+(?=(?:\w+ed|built|wrote|ran|led|drove|grew|won|made|set|cut|taught"
    r"|kept|took|began|shipped|sold)\b)",
    re.IGNORECASE,
)
# Passing mentions: interest, observation, a talk attended, a plan, writing about a product. "Read up on
# Kubernetes out of interest", "shadowed a colleague to see how Cerner works", "signed up for an Excel
# course starting next year", "wrote launch copy for a Docker monitoring product".
_PASSING = re.compile(
    r"\b(?:out of interest|read(?:ing)? up on|read(?:ing)? about|interested in|curious about|fascinated by"
    r"|shadow(?:ed|ing)|to see how|to learn how|sat in on|toured|visit(?:ed)? (?:to )?(?:a|an|the)"
    r"|watch(?:ed|ing) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:demo|talk|webinar|video|presentation)s?"
    r"|attend(?:ed|ing) (?:a |an |the )?(?:[\w-]+ ){0,3}(?:introduction|intro|talk|webinar|session|demo|presentation"
    r"|overview|lecture|meetup|conference|briefing|lunch(?:-and-| and )learn)s?"
    r"|introduction to|intro to|an overview of|signed up for|enrolled (?:in|on|for)|plan(?:ning)? to|hop(?:e|ing) to"
    r"|working towards?|studying for|preparing for|eligible (?:for|to sit)|candidate for|awaiting|applied for"
    r"|pursuing|registered for|due to sit|to sit (?:the|my)"
    r"|want(?:ing)? to (?:learn|study|try)|looking to learn|would like to|aspir(?:e|ing) to|starting next"
    r"|next (?:year|month|term|semester)|(?:launch |marketing |ad |sales )?copy (?:for|about)"
    r"|(?:articles?|blog posts?|posts|case stud(?:y|ies)|press releases?|newsletters?|white ?papers?) (?:for|about|on)"
    r"|(?:a|an|another|other|their)\s+(?:[\w-]+\s+)?(?:lab|laboratory|team|company|group|department|colleague"
    r"|vendor|agency|client|partner|start-?up|firm)s?\s+(?:that\s+|who\s+)?(?:work(?:s|ed|ing)?\s+(?:on|with)"
    r"|us(?:es|ed|ing)|buil(?:t|ds|ding)|runs?|running|speciali[sz]ing\s+in))\b",
    re.IGNORECASE,
)
# A credential not held (yet, or any more): "NCLEX-RN exam booked for February", "Teaching licence
# application in progress", "ACLS - in progress", "BLS (expired 2019)", "CPA candidate", "RN eligible".
_NOT_HELD_WORDS = (
    r"in progress|pending|booked|scheduled|applied for|expected|awaited|underway|submitted|planned|to be taken"
    r"|expired|lapsed|not current|candidate|eligible|in training"
)
_PENDING = re.compile(
    r"(?:\s+(?:licen[cs]e|certification|certificate|credential|exam|examination|test|application|registration))*"
    rf"(?:\s*[-–—:,(\[]\s*|\s+)(?:(?:is|was|currently|now)\s+)?(?:{_NOT_HELD_WORDS})\b",
    re.IGNORECASE,
)
# Words before a credential that say it is not held yet, in a list too: "Working towards CPA".
_NOT_YET = re.compile(
    r"\b(?:working towards?|studying for|preparing for|pursuing|eligible (?:for|to sit)|candidate for"
    r"|enrolled (?:in|on|for)|due to sit|to sit (?:the|my)|sitting)\s+(?:the\s+|my\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_STATUS = re.compile(rf"\b(?:{_NOT_HELD_WORDS}|working towards?|studying for|preparing for|pursuing)\b", re.I)
# Work someone else did with the skill: "presented the Tableau dashboards built by the analytics team".
_BY_OTHERS = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:built|created|developed|made|written|maintained|owned|run|designed|set up)"
    r"\s+by\s+(?!me\b|myself\b|us\b|my\b|our\b)",
    re.IGNORECASE,
)
# A skill word that starts an organisation's name: "Java Junction Café", "Python Plaza", "React Realty".
_VENUE = re.compile(
    r"(?:\s+(?:&\s+)?[A-Z][\w'’.-]*){0,2}?\s+(?:Caf[eé]|Coffee|Roasters|Bar|Grill|Restaurant|Bistro|Bakery|Diner"
    r"|Pub|Hotel|Inn|Motel|Realty|Realtors|Properties|Homes|Plaza|Mall|Market|Store|Shop|Boutique|Salon|Spa|Gym"
    r"|Agency|Bank|Clinic|Hospital|School|Academy|College|University|Institute|Church|Foundation|Club|Inc|Ltd|LLC"
    r"|Corp|Company|Group|Partners|Associates|Consulting|Solutions|Technologies|Labs|Ventures|Holdings|Enterprises"
    r"|Industries|Media|Records|Publishing|Motors|Farms?|Foods|Brewery|Brewing|Winery|Theat(?:re|er)|Cinema"
    r"|Museum|Library|Council|Travel|Tours|Insurance|Dental|Pharmacy)\b\.?"
    # ... unless a job title goes on: "AWS Solutions Architect" is a role, not a firm.
    r"(?!\s+(?:Architect|Engineer|Developer|Manager|Specialist|Consultant|Analyst|Administrator|Lead|Expert"
    r"|Professional|Associate|Practitioner|Certified|Certification)\b)",
)


def is_incidental(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int]] = (), *, listing: bool = False
) -> bool:
    """Whether the skill mentioned at `text[start:end]` is someone else's (see the module docstring).

    `mentions` are the spans of every skill mention in `text`, so that "Java and Go engineers" is read
    as one list before its people. In a `listing` (a skills section) only the people and names count:
    its items are nobody's verbs' objects ("Event sourcing, Kafka").
    """
    return MentionContext(text, mentions, listing=listing).incidental(start, end)


class MentionContext:
    """One text's clauses and cue words, found once for all the mentions in it."""

    def __init__(self, text: str, mentions: Sequence[tuple[int, int]], *, listing: bool) -> None:
        self.text = text
        self.ends = dict(mentions)
        self.listing = listing
        # Texts without a verb about other people or a client label need no clause at all (most of them).
        self.has_objects = not listing and bool(_OBJECT_CUE.search(text) or _CLIENTS.search(text))
        self.has_pending = bool(_PENDING_WORD.search(text))
        self.has_passing = self.has_pending or (not listing and bool(_PASSING.search(text) or _BY_ANYONE.search(text)))

    def incidental(self, start: int, end: int) -> bool:
        """Whether the mention at `text[start:end]` is someone else's or a passing one."""
        text = self.text
        if text[start : start + 1].isupper() and _VENUE.match(text, end):
            return True
        follower = self._after_list(end)
        noun = _FOLLOWING_NOUN.match(text, follower)
        if not (noun or self.has_objects or self.has_passing):
            return False
        before = text[_clause_start(text, start) : start]
        if self.has_pending and (_PENDING.match(text, end) or _NOT_YET.search(before)):
            return True  # not held yet or any more, in a list too: "ACLS - in progress", "BLS (expired 2019)"
        if not self.listing and (_PASSING.search(before) or _BY_OTHERS.match(text, end)):
            return True
        if self.has_objects:
            object_of = _OBJECT_OF.search(before)
            if object_of and not _OWN_TOOL.search(before, object_of.start() + len(object_of.group(0).split()[0])):
                return True  # the object of hiring or selling: "sold AWS migrations", "recruited Go, Rust engineers"
            client = _CLIENTS.search(before)
            if client and not _OWN_TOOL.search(before, client.end()):
                return True
        if noun is None:
            return False
        hiring = _HIRE_CUE.search(before) is not None
        one_of_them = _ONE_OF_THEM.search(before) is not None
        if _QUALITIES.match(text, follower):
            return hiring  # "hired engineers with Kubernetes experience"
        if _OPENINGS.match(text, follower):
            return hiring  # "filled Java roles", not "configured AWS IAM roles" nor "wrote Spark jobs"
        if _PEOPLE.match(text, follower):
            return not one_of_them  # "managed Java developers", not "one of six Java developers"
        if _PERSON.match(text, follower):
            return hiring and not one_of_them  # "hired a Go developer", not "worked as a Go developer"
        if _GROUPS.match(text, follower):
            return _MANAGE_CUE.search(before) is not None and not one_of_them  # "led the iOS team"
        return False

    def _after_list(self, position: int) -> int:
        """Where the words after a mention go on, past the other skills and modifiers listed with it."""
        text = self.text
        while True:
            while position < len(text) and text[position] in " \t\n":
                position += 1
            if self.ends.get(position, position) > position:
                position = self.ends[position]
                continue
            step = _BETWEEN.match(text, position)
            if step is None or step.end() == position:
                return position
            position = step.end()


def _clause_start(text: str, position: int) -> int:
    # A clause is a few words: looking further back than a long sentence only costs time.
    start = max(0, position - _LONGEST_CLAUSE)
    for match in _CLAUSE_BREAK.finditer(text, start, position):
        start = match.end()
    return start


def states_not_held(text: str) -> bool:
    """Whether a credential's line says it is not held yet or any more: "expired", "in progress", "candidate"."""
    return _STATUS.search(text) is not None

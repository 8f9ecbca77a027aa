"""Certifications and licences: one per line, with the issuer and year when the line names them.

A line that says the credential is not held (yet, or any more) keeps that status in its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.ingest.domain.dates import find_dates, strip_dates
from services.ingest.domain.incidental_mentions import states_not_held
from services.ingest.domain.schema import Certification
from services.ingest.domain.sections import Section

_ISSUERS = re.compile(
    r"\b(?:Amazon Web Services|AWS|Microsoft|Google Cloud|Google|Oracle|Cisco|CompTIA|PMI|Project Management Institute"
    r"|Scrum Alliance|Scrum\.org|Coursera|Udemy|edX|Linux Foundation|CNCF|HashiCorp|Red Hat|\(ISC\)²|ISC2|ISACA"
    r"|Salesforce|HubSpot|IBM|SAP|Meta|Tableau|Databricks|Snowflake|American Heart Association|American Red Cross"
    r"|Red Cross|NPTEL|Axelos|PeopleCert|ICAI|CFA Institute|AICPA|ACCA|CIMA|SHRM|CIPD|Six Sigma Council|IIBA"
    r"|Atlassian|MongoDB|Kubernetes|NVIDIA|DeepLearning\.AI|LinkedIn Learning|Pluralsight|Cloudera|Hortonworks"
    r"|Adobe|Autodesk|ServiceNow|VMware|Juniper|EC-Council|Offensive Security|GIAC|State Board of Nursing"
    r"|NCSBN|Board of Nursing)\b"
)
_ISSUER_AFTER = re.compile(r"\s+(?:[-–—|]|by|from|issued by)\s+(?P<issuer>[^,|–—()]+?)\s*(?:[,(|–—-]|$)", re.IGNORECASE)
_SEPARATOR_BEFORE = re.compile(r"(?:,|\s[-–—|]|\sby|\sfrom|\sissued by)\s*$", re.IGNORECASE)
_MAX_WORDS = 25


@dataclass(frozen=True)
class Credential:
    """One certification and the text its skills are read from."""

    entry: Certification
    text: str


def read_certifications(sections: Sequence[Section]) -> list[Credential]:
    """The certifications listed in every certifications section."""
    found: list[Credential] = []
    for section in sections:
        for line in section.lines:
            credential = _credential(line.text)
            if credential is not None:
                found.append(credential)
    return found


def _credential(text: str) -> Credential | None:
    if len(text.split()) > _MAX_WORDS or sum(char.isalpha() for char in text) < 3:
        return None
    years = [mention.value.year for mention in find_dates(text)]
    name = strip_dates(text).strip(" ,;|()–—-")
    if name.count("(") > name.count(")"):
        name += ")"  # "BLS (expired 2019)" without its year is "BLS (expired)"
    issuer: str | None = None
    if states_not_held(name):
        # "ACLS - in progress", "BLS (expired 2019)": the status stays in the name, never read as an issuer,
        # so whoever reads the entry sees a credential not held.
        return Credential(entry=Certification(name=name[:200], year=max(years) if years else None), text=text)
    named = [match for match in _ISSUERS.finditer(name) if _SEPARATOR_BEFORE.search(name, 0, match.start())]
    after = _ISSUER_AFTER.search(name)
    if named:
        # "..., Amazon Web Services": a known issuer after a separator ends the name.
        issuer = named[-1].group(0)
        name = _SEPARATOR_BEFORE.sub("", name[: named[-1].start()]).strip(" ,;|–—-")
    elif after and len(after.group("issuer").split()) <= 6:
        issuer = after.group("issuer").strip()
        name = name[: after.start()].strip(" ,;|–—-")
    else:
        known = _ISSUERS.search(name)
        issuer = known.group(0) if known else None
    if not name:
        return None
    return Credential(
        entry=Certification(
            name=name[:200], issuer=issuer[:200] if issuer else None, year=max(years) if years else None
        ),
        text=text,
    )

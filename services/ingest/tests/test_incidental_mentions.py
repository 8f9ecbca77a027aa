"""A skill named as someone else's (hired, sold, managed, a client, a firm's name) is no evidence of the candidate's."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.skills import default_taxonomy
from services.ingest.domain.profile import parse_profile
from services.ingest.domain.skills_evidence import Region, skills_in

pytestmark = pytest.mark.unit


def found(text: str, kind: str = "job") -> set[str]:
    return set(skills_in(Region(kind, f"{kind}:x", text), default_taxonomy()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "not_theirs"),
    [
        ("Hired 40 Kubernetes engineers in 2023", "Kubernetes"),
        ("Recruited Java developers for fintech clients", "Java"),
        ("Sourced and screened Python candidates", "Python"),
        ("Placed senior React developers at start-ups", "React"),
        ("Headhunted AWS architects for a bank", "AWS"),
        ("Recruited Kubernetes and Terraform engineers", "Terraform"),
        ("Recruited Go, Rust and Kotlin engineers", "Rust"),
        ("Filled 35 Java and DevOps roles in six months", "Java"),
        ("Full-cycle recruiting for Salesforce positions", "Salesforce"),
        ("Screened candidates for Apache Airflow and dbt roles on behalf of a client", "Apache Airflow"),
        ("Hired engineers with Kubernetes experience", "Kubernetes"),
        ("Hired a senior Go developer", "Go"),
        ("Sold AWS migrations to mid-market accounts", "AWS"),
        ("Sold Salesforce licences to 60 new logos", "Salesforce"),
        ("Exceeded quota selling SAP solutions", "SAP"),
        ("Resold Microsoft Azure subscriptions", "Microsoft Azure"),
        ("Pitched Snowflake to CFOs and closed $2M", "Snowflake"),
        ("Sold AWS, GCP and Azure migrations", "Google Cloud"),
        ("Managed a team of Java developers", "Java"),
        ("Supervised 12 ICU nurses and 3 Python developers", "Python"),
        ("Led the iOS team through two launches", "iOS"),
        ("Partnered with React developers on the checkout", "React"),
        ("Worked closely with UX designers and Java engineers", "Java"),
        ("Clients included Shopify and Stripe", "Shopify"),
        ("Client: Salesforce", "Salesforce"),
        ("I hired staff accountants with GAAP and\nMonth-End Close experience for a retail group", "GAAP"),
        ("Read up on Kubernetes out of interest", "Kubernetes"),
        ("I shadowed a colleague for a day to see how Cerner EHR works", "Cerner"),
        ("Attended a half-day introduction to MongoDB", "MongoDB"),
        ("I signed up for an evening course on Excel starting next year", "Excel"),
        ("Organised a school visit to a lab working on Deep Learning", "Deep Learning"),
        ("Presented the Tableau dashboards built by the analytics team", "Tableau"),
        ("Wrote launch copy for a Docker monitoring product", "Docker"),
        ("NCLEX-RN exam booked for February 2027", "NCLEX-RN"),
        ("Teaching licence application in progress", "Teaching licence"),
        ("Working towards the PMP certification", "PMP"),
        ("Preparing for the CPA exam", "CPA"),
        ("Barista at Java Junction Café, Seattle", "Java"),
        ("Shift lead, Python Plaza", "Python"),
        ("Agent at React Realty, 2019 – 2021", "React"),
    ],
)
def test_someone_elses_skill_is_not_evidence(text: str, not_theirs: str) -> None:
    canonical = default_taxonomy().canonical(not_theirs)
    assert canonical is not None, f"the vocabulary must know {not_theirs}"
    assert canonical in found(f"Used {not_theirs} daily"), "the control: the skill is found where it is used"
    assert canonical not in found(text)


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("Built services in Java and Spring Boot", "Java"),
        ("Managed Kubernetes clusters on AWS", "Kubernetes"),
        ("Led the migration to Kubernetes", "Kubernetes"),
        ("Tech: Java, Spring, PostgreSQL", "Java"),
        ("Managed a team of 6 engineers building Java microservices", "Java"),
        ("One of six Java developers on the payments team", "Java"),
        ("Joined a team of Go engineers and shipped the billing API", "Go"),
        ("Worked as a Python developer on data pipelines", "Python"),
        ("Configured AWS IAM roles and policies", "AWS IAM"),
        ("Wrote Spark jobs in Scala", "Scala"),
        ("Wrote Apache Spark jobs for the nightly batch", "Apache Spark"),
        ("Sourced candidates using LinkedIn Recruiter and Greenhouse", "Greenhouse"),
        ("Hired 5 engineers and built the CI pipeline in Jenkins", "Jenkins"),
        ("Sold enterprise software while tracking the pipeline in Salesforce", "Salesforce"),
        ("Sold $3M a year, logging every deal in HubSpot", "HubSpot"),
        ("Trained 20 nurses on Epic", "Epic"),
        ("Screened patients for sepsis and started IV therapy", "IV Therapy"),
        ("Kubernetes deployments scheduled nightly with Argo CD", "Kubernetes"),
        ("Registered Nurse licence, Washington State", "Registered Nurse licence"),
        ("Presented the Tableau dashboards I built for the sales team", "Tableau"),
        ("Maintained Airflow DAGs written by me and two colleagues", "Apache Airflow"),
        ("Observed vital signs and did wound care", "Wound Care"),
        ("Shadowed by two students while doing wound care", "Wound Care"),
        ("Implemented event sourcing with Kafka", "Apache Kafka"),
        ("Designed AWS Solutions Architect training labs", "AWS"),
        ("Built a Python API for a bank", "Python"),
    ],
)
def test_the_candidates_own_use_still_counts(text: str, theirs: str) -> None:
    canonical = default_taxonomy().canonical(theirs)
    assert canonical is not None, f"the vocabulary must know {theirs}"
    assert canonical in found(text)


def test_a_skills_section_is_a_claim_whatever_its_words() -> None:
    assert {"Apache Kafka", "Salesforce"} <= found("Consultative selling, Salesforce, Event sourcing, Kafka", "skills")


def test_a_recruiter_does_not_become_a_kubernetes_engineer() -> None:
    resume = """Dana Reyes
Technical Recruiter
dana@example.com

EXPERIENCE
Senior Technical Recruiter | Hooli | Jan 2020 – Present
• Hired 45 Kubernetes, Go and AWS engineers for the platform group
• Filled Java and React roles across four offices
• Sourced candidates using LinkedIn Recruiter; tracked pipelines in Greenhouse
Account Executive | Cloudly | 2016 – 2019
• Sold AWS migrations and Salesforce licences to mid-market clients
• Managed a team of Python developers during the CRM rollout

SKILLS
Technical recruiting, sourcing, Greenhouse, negotiation
"""
    profile = parse_profile(resume, taxonomy=default_taxonomy(), today=date(2025, 7, 1))
    names = {entry.name for entry in profile.skills}
    assert not names & {"Kubernetes", "Go", "AWS", "Java", "React", "Salesforce", "Python"}
    assert "Greenhouse" in names or default_taxonomy().canonical("Greenhouse") is None


def test_an_employer_or_school_named_after_a_skill_is_no_skill() -> None:
    resume = """Sam Ortiz
sam@example.com

EXPERIENCE
Barista — Java Junction Café, Portland, Jun 2021 – Present
• Served 300 customers a day; trained new baristas at Java Junction
Sales Associate | React Realty | 2018 – 2021

EDUCATION
Diploma in Hospitality, Python Plaza Academy, 2018
"""
    profile = parse_profile(resume, taxonomy=default_taxonomy(), today=date(2025, 7, 1))
    names = {entry.name for entry in profile.skills}
    assert not names & {"Java", "React", "Python"}

"""Wording for the hard cases: other-field work that shares a field's vocabulary, and passing mentions.

A shared-vocabulary sentence names a field's skill or word while describing work in another field
(a recruiter who hired Kubernetes engineers, a barista at "Java Junction"). A passing mention names a
skill the person does not have (a webinar, a team next door). Neither is ever evidence of a skill.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SharedVocabulary:
    """Work in `field` described with words from another field's vocabulary."""

    field: str  # the field of the work (where the person really is)
    sentence: str  # a sentence for the work's bullets; empty when only the employer carries the words
    skills: tuple[str, ...]  # the skill ids the sentence names (none of them the person's)
    employer: str = ""  # an employer name that carries the words, when the sentence alone does not


# Target field -> other-field work that a keyword match would take for the target field.
SHARED_VOCABULARY: dict[str, tuple[SharedVocabulary, ...]] = {
    "backend": (
        SharedVocabulary(
            "hospitality", "Made espresso drinks and ran the till during the morning rush.", (), "Java Junction Café"
        ),
        SharedVocabulary(
            "hr", "Hired 14 Java and Python engineers for the payments platform in one year.", ("Java", "Python")
        ),
        SharedVocabulary(
            "sales",
            "Sold Apache Kafka support contracts and Microservices training to banks.",
            ("Apache Kafka", "Microservices"),
        ),
        SharedVocabulary(
            "hr", "Sourced senior Go and PostgreSQL developers for three backend teams.", ("Go", "PostgreSQL")
        ),
    ),
    "frontend": (
        SharedVocabulary(
            "hr", "Recruited React and TypeScript developers for a fast-growing product team.", ("React", "TypeScript")
        ),
        SharedVocabulary(
            "marketing",
            "Briefed the agency that rebuilt our website in Next.js and signed off the HTML emails.",
            ("Next.js", "HTML"),
        ),
        SharedVocabulary(
            "sales", "Sold Angular and Vue.js training courses to corporate IT departments.", ("Angular", "Vue.js")
        ),
    ),
    "data_analyst": (
        SharedVocabulary(
            "sales",
            "Presented the Tableau dashboards built by the analytics team at weekly sales meetings.",
            ("Tableau",),
        ),
        SharedVocabulary(
            "hr", "Hired data analysts fluent in SQL and Power BI for the finance function.", ("SQL", "Power BI")
        ),
        SharedVocabulary(
            "marketing", "Requested Looker reports from the insights team to plan campaigns.", ("Looker",)
        ),
    ),
    "data_scientist": (
        SharedVocabulary(
            "sales",
            "Sold Machine Learning consulting projects to insurers, worth $900K in a year.",
            ("Machine Learning",),
        ),
        SharedVocabulary(
            "hr",
            "Recruited PhD data scientists with PyTorch and Natural Language Processing experience.",
            ("PyTorch", "Natural Language Processing"),
        ),
        SharedVocabulary(
            "teaching", "Organised a school visit to a lab working on Deep Learning for students.", ("Deep Learning",)
        ),
    ),
    "data_engineer": (
        SharedVocabulary(
            "sales", "Sold Snowflake and Apache Spark migration projects to retailers.", ("Snowflake", "Apache Spark")
        ),
        SharedVocabulary(
            "logistics", "Loaded and dispatched delivery vans for Spark Freight's regional hub.", (), "Spark Freight"
        ),
        SharedVocabulary(
            "hr",
            "Screened candidates for Apache Airflow and dbt roles on behalf of a client.",
            ("Apache Airflow", "dbt"),
        ),
    ),
    "devops": (
        SharedVocabulary(
            "hr", "Hired Kubernetes and Terraform engineers for the infrastructure group.", ("Kubernetes", "Terraform")
        ),
        SharedVocabulary("sales", "Sold AWS migrations to regional retailers, closing $2.4M in one year.", ("AWS",)),
        SharedVocabulary(
            "marketing",
            "Wrote launch copy for a Docker monitoring product and its Jenkins plugin.",
            ("Docker", "Jenkins"),
        ),
    ),
    "nursing": (
        SharedVocabulary(
            "hospitality",
            "Cooked daily meals for 80 residents and planned the weekly menu.",
            (),
            "Maple Grove Nursing Home",
        ),
        SharedVocabulary("hr", "Recruited registered nurses for ICU and emergency units across four hospitals.", ()),
        SharedVocabulary(
            "logistics",
            "Delivered Wound Care and Infection Control supplies to hospital wards on a daily route.",
            ("Wound Care", "Infection Control"),
        ),
    ),
    "physiotherapy": (
        SharedVocabulary(
            "sales", "Sold treatment tables and Physical Therapy equipment to clinics.", ("Physical Therapy",)
        ),
        SharedVocabulary(
            "hospitality", "Booked spa and gym sessions for guests at the front desk.", (), "Harbour Physio & Spa Hotel"
        ),
        SharedVocabulary("hr", "Recruited physiotherapists for a chain of outpatient clinics.", ()),
    ),
    "pharmacy_tech": (
        SharedVocabulary("logistics", "Drove pharmacy delivery routes to care homes twice a day.", ()),
        SharedVocabulary("sales", "Sold Pharmacy software licences to independent chemists.", ("Pharmacy",)),
        SharedVocabulary(
            "accounting", "Reconciled supplier statements for a Pharmacology research unit.", ("Pharmacology",)
        ),
    ),
    "accounting": (
        SharedVocabulary(
            "sales",
            "Managed 40 key accounts and grew them by 18%; handled accounts payable queries from clients.",
            ("Accounts Payable",),
        ),
        SharedVocabulary(
            "it_support", "Installed QuickBooks and fixed printer problems for the finance team.", ("QuickBooks",)
        ),
        SharedVocabulary(
            "hr",
            "Hired staff accountants with GAAP and Month-End Close experience for a retail group.",
            ("GAAP", "Month-End Close"),
        ),
    ),
    "marketing": (
        SharedVocabulary(
            "hospitality", "Served customers at the deli counter and restocked shelves.", (), "Fresh Market Grocers"
        ),
        SharedVocabulary(
            "it_support", "Set up laptops for the marketing team and fixed HubSpot login issues.", ("HubSpot",)
        ),
        SharedVocabulary(
            "hr",
            "Recruited Search Engine Optimization and Email Marketing specialists for an agency.",
            ("Search Engine Optimization", "Email Marketing"),
        ),
    ),
    "sales": (
        SharedVocabulary("logistics", "Picked and packed orders raised by the sales team.", ()),
        SharedVocabulary(
            "it_support",
            "Administered Salesforce user accounts and reset passwords for the sales floor.",
            ("Salesforce",),
        ),
        SharedVocabulary(
            "hr",
            "Ran Cold Calling and Negotiation workshops booked by the sales director.",
            ("Cold Calling", "Negotiation"),
        ),
    ),
    "ux_design": (
        SharedVocabulary(
            "it_support", "Managed Figma licences and Miro boards for the design team.", ("Figma", "Miro")
        ),
        SharedVocabulary("electrician", "Installed lighting to an interior designer's plan in a new office.", ()),
        SharedVocabulary(
            "hr", "Recruited UX Design and User Research talent for a bank.", ("UX Design", "User Research")
        ),
    ),
    "graphic_design": (
        SharedVocabulary("logistics", "Printed, packed and shipped brochures created by the creative team.", ()),
        SharedVocabulary(
            "sales", "Sold Adobe Photoshop and InDesign licences to schools.", ("Adobe Photoshop", "InDesign")
        ),
        SharedVocabulary("teaching", "Ran the school's art room and displayed student work.", ()),
    ),
    "it_support": (
        SharedVocabulary(
            "sales",
            "Sold Help Desk Support software and ServiceNow add-ons to IT departments.",
            ("Help Desk Support", "ServiceNow"),
        ),
        SharedVocabulary("hospitality", "Helped guests connect to the Wi-Fi and reported faulty room TVs to IT.", ()),
        SharedVocabulary(
            "hr", "Hired desktop support technicians with Active Directory experience.", ("Active Directory",)
        ),
    ),
    "teaching": (
        SharedVocabulary(
            "nursing",
            "Cared for patients on the wards of a large teaching hospital.",
            (),
            "Brookfield University Teaching Hospital",
        ),
        SharedVocabulary(
            "sales",
            "Sold Google Classroom add-ons and Lesson Planning software to school districts.",
            ("Google Classroom", "Lesson Planning"),
        ),
        SharedVocabulary("hr", "Recruited teachers for 12 charter schools.", ()),
    ),
    "hr": (
        SharedVocabulary("sales", "Sold Workday and HRIS integrations to HR departments.", ("Workday", "HRIS")),
        SharedVocabulary(
            "it_support",
            "Supported the Applicant Tracking Systems used by the recruiting team.",
            ("Applicant Tracking Systems",),
        ),
        SharedVocabulary("accounting", "Reconciled accounts for the people department's benefits supplier.", ()),
    ),
    "logistics": (
        SharedVocabulary(
            "sales", "Sold Warehouse Management software to distribution centres.", ("Warehouse Management",)
        ),
        SharedVocabulary(
            "accounting", "Audited Inventory Management records of warehouse clients.", ("Inventory Management",)
        ),
        SharedVocabulary(
            "marketing", "Ran campaigns for a Supply Chain Management software vendor.", ("Supply Chain Management",)
        ),
    ),
    "hospitality": (
        SharedVocabulary("nursing", "Worked night shifts on the hospital's surgical ward.", ()),
        SharedVocabulary(
            "sales",
            "Sold Point of Sale systems and Opera PMS upgrades to restaurants and hotels.",
            ("Point of Sale", "Opera PMS"),
        ),
        SharedVocabulary("hr", "Hired front desk and kitchen staff for a hotel group.", ()),
    ),
    "electrician": (
        SharedVocabulary(
            "sales",
            "Sold Electrical Wiring supplies and Switchgear to contractors.",
            ("Electrical Wiring", "Switchgear"),
        ),
        SharedVocabulary("hr", "Recruited licensed electricians for a national contractor.", ()),
        SharedVocabulary("logistics", "Delivered cable drums and breakers to building sites.", ()),
    ),
    "hvac": (
        SharedVocabulary(
            "sales", "Sold HVAC units and Refrigeration maintenance plans to supermarkets.", ("HVAC", "Refrigeration")
        ),
        SharedVocabulary("hospitality", "Reported air conditioning faults in guest rooms to the maintenance team.", ()),
        SharedVocabulary("hr", "Hired HVAC technicians for a facilities management firm.", ("HVAC",)),
    ),
    "attorney": (
        SharedVocabulary("hr", "Worked with employment lawyers on disciplinary cases.", ()),
        SharedVocabulary(
            "sales",
            "Sold Westlaw subscriptions and Legal Research training to law firms.",
            ("Westlaw", "Legal Research"),
        ),
        SharedVocabulary("teaching", "Coached the school's mock trial team to the state final.", ()),
    ),
    "paralegal": (
        SharedVocabulary(
            "it_support",
            "Supported Relativity and E-Discovery platform users at a law firm.",
            ("Relativity", "E-Discovery"),
        ),
        SharedVocabulary("sales", "Sold Case Management software to small law practices.", ("Case Management",)),
        SharedVocabulary("hospitality", "Welcomed visitors at the reception of a law firm's offices.", ()),
    ),
}

# A passing mention of a skill the person does not have; {t} is how the skill is written.
INCIDENTAL_MENTIONS = (
    "Attended a half-day introduction to {t}.",
    "Sat in on {t} sessions run by a neighbouring team.",
    "Read up on {t} out of interest.",
    "Handed requirements to a sister team that used {t}.",
    "Signed up for an evening course on {t} starting next year.",
    "Listened to a conference talk on {t}.",
    "Shadowed a colleague for a day to see how {t} works.",
    "Joined a lunch-and-learn about {t}.",
)

# What a resume says about a licence that is not held yet (never evidence of holding it).
PENDING_LICENCE: dict[str, tuple[str, ...]] = {
    "rn_licence": (
        "NCLEX-RN exam booked for February 2027.",
        "Registered Nurse licence application pending with the state board.",
    ),
    "pt_licence": ("Physiotherapy licence application pending with the state board.", "HCPC registration in progress."),
    "teaching_licence": ("Teaching licence application in progress.", "Working towards Qualified Teacher Status."),
    "electrician_licence": (
        "Journeyman electrician exam scheduled for spring 2027.",
        "Completing the hours for a journeyman licence.",
    ),
    "bar_admission": ("Sitting the bar exam in February 2027.", "Bar admission pending (results due in spring 2027)."),
}

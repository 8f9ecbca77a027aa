"""The vocabulary finds the skills of every profession, as people write them, and stays conservative.

Each recall case is a short professional text in its own wording (abbreviations, British and American
spelling, slashes, titles) with the skills a recruiter reads in it; the text may yield more. The
guards are texts whose words look like skills of another field and must yield exactly what is listed.
"""

from __future__ import annotations

import pytest

from contracts.skills import Taxonomy, default_taxonomy

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


RECALL = {
    "nursing": [
        (
            "Registered Nurse, 5 yrs on a busy tele unit. Head-to-toe assessments, med pass via eMAR, IV starts, "
            "wound VAC dressing changes, vent management for ICU overflow; charted in Epic.",
            {
                "Registered Nurse Licence",
                "Patient Assessment",
                "Medication Administration",
                "IV Therapy",
                "Wound Care",
                "Ventilator Management",
                "Critical Care",
                "Epic Systems",
            },
        ),
        (
            "RN, BSN | Med-Surg/Telemetry | Cerner PowerChart | patient teaching and discharge planning | ED triage | "
            "phlebotomy | Foley insertion | infection prevention and control | care plans",
            {
                "Registered Nurse Licence",
                "Medical-Surgical Nursing",
                "Cardiac Telemetry",
                "Cerner",
                "Patient Education",
                "Discharge Planning",
                "Patient Triage",
                "Phlebotomy",
                "Catheterization",
                "Infection Control",
                "Care Planning",
            },
        ),
        (
            "Charge nurse: EKG interpretation, blood transfusions, medication reconciliation, fall prevention, "
            "MEDITECH documentation, code blue response, palliative care, pain management.",
            {
                "ECG Interpretation",
                "Blood Transfusion",
                "Medication Reconciliation",
                "Fall Prevention",
                "Meditech",
                "Rapid Response",
                "Palliative Care",
                "Pain Management",
            },
        ),
    ],
    "allied health": [
        (
            "Physiotherapist: manual therapy, exercise prescription, gait training, TENS, sports rehab, dry needling, "
            "post-operative rehabilitation. HCPC registered physiotherapist.",
            {
                "Physical Therapy",
                "Manual Therapy",
                "Therapeutic Exercise",
                "Gait Training",
                "Electrotherapy",
                "Sports Rehabilitation",
                "Dry Needling",
                "Post-Surgical Rehabilitation",
                "Physical Therapist Licence",
            },
        ),
        (
            "Pharmacy technician (CPhT): prescription filling, sterile compounding, Pyxis, insurance verification, "
            "prior authorizations, immunizations.",
            {
                "Certified Pharmacy Technician",
                "Prescription Dispensing",
                "Pharmaceutical Compounding",
                "Automated Dispensing Cabinets",
                "Insurance Verification",
                "Prior Authorization",
                "Immunizations",
            },
        ),
        (
            "Radiographer: X-ray, CT scanning, MRI, PACS, radiation protection (ALARA); ARRT certified.",
            {"Medical Imaging", "CT Imaging", "MRI", "PACS", "Radiation Safety", "ARRT Certification"},
        ),
        (
            "Respiratory therapist: ABG analysis, BiPAP/CPAP, mechanical ventilation, intubation support; RRT.",
            {
                "Respiratory Therapy",
                "Airway Management",
                "Ventilator Management",
                "Registered Respiratory Therapist",
            },
        ),
    ],
    "accounting": [
        (
            "Staff Accountant: full-cycle AP/AR, account recs, bank recs, month-end close, journal entries and "
            "accruals in QBO and NetSuite; variance analysis; US GAAP.",
            {
                "Accounts Payable",
                "Accounts Receivable",
                "Account Reconciliation",
                "Month-End Close",
                "Journal Entries",
                "Accruals",
                "QuickBooks",
                "NetSuite",
                "Variance Analysis",
                "GAAP",
            },
        ),
        (
            "Senior accountant, CPA. Owned the monthly close, balance sheet reconciliations in BlackLine, fixed assets, "
            "ASC 606 revenue recognition, intercompany eliminations, SOX testing, audit support, 10-K and 10-Q.",
            {
                "CPA",
                "Month-End Close",
                "Account Reconciliation",
                "BlackLine",
                "Fixed Asset Accounting",
                "Revenue Recognition",
                "Intercompany Accounting",
                "Sarbanes-Oxley",
                "Auditing",
                "SEC Reporting",
            },
        ),
        (
            "Bookkeeper: A/P and A/R, purchase ledger, credit control, payroll, Sage 50, Xero, VAT returns, "
            "budgeting and forecasting, financial modelling, FP&A, IFRS.",
            {
                "Bookkeeping",
                "Accounts Payable",
                "Accounts Receivable",
                "Payroll",
                "Sage Accounting",
                "Xero",
                "VAT",
                "Budgeting",
                "Forecasting",
                "Financial Modeling",
                "Financial Planning and Analysis",
                "IFRS",
            },
        ),
    ],
    "sales and marketing": [
        (
            "Account Executive: B2B SaaS sales, cold calling, pipeline management in Salesforce, HubSpot, "
            "negotiation, exceeded quota by 20%, account management.",
            {
                "SaaS Sales",
                "Cold Calling",
                "Pipeline Management",
                "Salesforce",
                "HubSpot",
                "Negotiation",
                "Quota Attainment",
                "Account Management",
            },
        ),
        (
            "Digital marketer: SEO, SEM, Google AdWords, GA4, PPC, content marketing, email marketing in Mailchimp, "
            "social media marketing, lead gen, keyword research, A/B testing.",
            {
                "Search Engine Optimization",
                "Search Engine Marketing",
                "Google Analytics",
                "Content Marketing",
                "Email Marketing",
                "Mailchimp",
                "Social Media Marketing",
                "Lead Generation",
                "Keyword Research",
                "A/B Testing",
            },
        ),
    ],
    "design and UX research": [
        (
            "Product designer: Figma, Sketch, Adobe XD; wireframing, prototyping, usability testing, user interviews, "
            "personas, journey mapping, design systems, WCAG 2.1 accessibility; Photoshop, Illustrator, InDesign; "
            "typography.",
            {
                "Figma",
                "Sketch",
                "Adobe XD",
                "Wireframing",
                "Prototyping",
                "Usability Testing",
                "User Interviews",
                "Personas",
                "Journey Mapping",
                "Design Systems",
                "Web Accessibility",
                "Adobe Photoshop",
                "Adobe Illustrator",
                "InDesign",
                "Typography",
            },
        ),
        (
            "UX researcher: contextual inquiry, card sorting and tree testing, heuristic evaluation, diary studies, "
            "survey design, accessibility audits.",
            {
                "User Interviews",
                "Card Sorting",
                "Heuristic Evaluation",
                "User Research",
                "Survey Design",
                "Web Accessibility",
            },
        ),
    ],
    "IT support": [
        (
            "IT Support Specialist: Tier 1/Tier 2 help desk in ServiceNow, Active Directory password resets, "
            "Office 365, SCCM and Intune, Windows 10 imaging via MDT, printer troubleshooting, TCP/IP, ITIL.",
            {
                "Technical Support",
                "Help Desk",
                "ServiceNow",
                "Active Directory",
                "User Account Management",
                "Microsoft Office",
                "Microsoft SCCM",
                "Microsoft Intune",
                "Microsoft Windows",
                "OS Imaging",
                "Printer Support",
                "Networking",
                "ITIL",
            },
        ),
        (
            "Desktop support: Jira Service Management tickets, remote support with TeamViewer, hardware repair, "
            "Jamf for Macs, troubleshooting, VoIP phones.",
            {
                "Desktop Support",
                "Jira Service Management",
                "Remote Desktop Support",
                "Hardware Troubleshooting",
                "Jamf",
                "Troubleshooting",
                "VoIP",
            },
        ),
    ],
    "education": [
        (
            "5th grade teacher: lesson planning, differentiated instruction, IEPs, classroom management, Google "
            "Classroom, parent-teacher conferences, formative assessment, PBIS.",
            {
                "Teaching",
                "Lesson Planning",
                "Differentiated Instruction",
                "Individualized Education Programs",
                "Classroom Management",
                "Google Classroom",
                "Parent Communication",
                "Student Assessment",
                "Behavior Management",
            },
        ),
        (
            "Lecturer: curriculum development, Moodle and Canvas LMS, instructional design in Articulate Storyline.",
            {
                "Teaching",
                "Curriculum Development",
                "Moodle",
                "Canvas LMS",
                "Instructional Design",
                "Articulate Storyline",
            },
        ),
    ],
    "human resources": [
        (
            "HR generalist: full-cycle recruiting in Greenhouse, onboarding and offboarding, benefits administration, "
            "open enrollment, I-9 compliance, employee relations investigations, HRIS (BambooHR), Workday.",
            {
                "Human Resources",
                "Recruitment",
                "Greenhouse",
                "Employee Onboarding",
                "Employee Offboarding",
                "Compensation and Benefits",
                "Employment Eligibility Verification",
                "Employee Relations",
                "HRIS",
                "BambooHR",
                "Workday",
            },
        ),
    ],
    "logistics and operations": [
        (
            "Warehouse lead: forklift, reach truck, pick and pack, cycle counts, RF scanners, shipping & receiving, "
            "inventory control, WMS, Lean, Six Sigma, procurement of packaging, dispatching.",
            {
                "Forklift Operation",
                "Order Picking",
                "Cycle Counting",
                "Barcode Scanning",
                "Shipping and Receiving",
                "Inventory Management",
                "Warehouse Management",
                "Lean Manufacturing",
                "Six Sigma",
                "Procurement",
                "Dispatching",
            },
        ),
        (
            "Supply chain analyst: supply chain, S&OP, demand planning, 3PL management, Incoterms, TMS.",
            {
                "Supply Chain Management",
                "Sales and Operations Planning",
                "Demand Planning",
                "Third-Party Logistics",
                "Incoterms",
                "Transportation Management",
            },
        ),
    ],
    "hospitality": [
        (
            "Line cook / server: food safety, HACCP, knife skills, POS, banquets, bartending, reservations; "
            "front desk check-in/check-out in Opera PMS; food and beverage.",
            {
                "Food Safety",
                "HACCP",
                "Culinary Arts",
                "Point of Sale",
                "Catering and Banquets",
                "Bartending",
                "Reservations Management",
                "Front Desk Operations",
                "Opera PMS",
                "Food and Beverage",
            },
        ),
    ],
    "skilled trades": [
        (
            "Electrician: residential and commercial wiring per NEC, conduit bending, blueprint reading, PLC "
            "troubleshooting, HVAC controls, welding (MIG/TIG), carpentry, plumbing, lockout/tagout.",
            {
                "Electrical Wiring",
                "National Electrical Code",
                "Blueprint Reading",
                "PLC Programming",
                "HVAC",
                "Welding",
                "Carpentry",
                "Plumbing",
                "Lockout/Tagout",
            },
        ),
    ],
    "legal": [
        (
            "Paralegal: legal research on Westlaw and LexisNexis, contract drafting, litigation support, "
            "e-discovery in Relativity, document review, deposition summaries, Bluebook citation.",
            {
                "Paralegal",
                "Legal Research",
                "Westlaw",
                "LexisNexis",
                "Contract Drafting",
                "Litigation",
                "E-Discovery",
                "Document Review",
                "Deposition Preparation",
                "Legal Citation",
            },
        ),
    ],
    "customer service": [
        (
            "Customer service representative: inbound calls, complaint resolution, live chat, Zendesk, CSAT 95%, "
            "de-escalation, CRM, upselling.",
            {
                "Customer Service",
                "Call Handling",
                "Complaint Handling",
                "Live Chat Support",
                "Zendesk",
                "Customer Satisfaction",
                "De-escalation",
                "CRM",
                "Upselling",
            },
        ),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{field}-{index}")
        for field, cases in RECALL.items()
        for index, (text, expected) in enumerate(cases)
    ],
)
def test_each_profession_is_found_in_its_own_words(taxonomy: Taxonomy, text: str, expected: set[str]) -> None:
    assert expected - set(taxonomy.extract(text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations that mean something else in another field.
        ("Wrote features in AP Style for the city desk", ["AP Style"]),
        ("AP Calculus and AP Biology", []),
        ("Available 9-5 PT and ET; physics PT exam", []),
        ("ER diagrams, ERwin, an ERP rollout", ["Data Modeling", "ERP"]),
        ("built audit logging and audit trails for the API", []),
        ("Reduced Greenhouse gas emissions; Greenhouse Technician", []),
        ("X-ray diffraction and X-ray crystallography", []),
        ("OTR driver, 500k accident-free miles", ["Truck Driving"]),
        ("NEC Corporation, Tokyo", []),
        ("Filed RTI applications under the RTI Act", []),
        ("Graduated from an ABA-approved program; ABA approved", []),
        ("dispatched Redux actions and reduced telemetry data", ["Redux"]),
        ("personal care and home care brands, compounding interest", []),
        ("collections framework, server consolidation, Epic Games", []),
        ("catering to clients, receiving awards, painting, cooking", []),
        ("data literacy and financial literacy", []),
        ("custodial accounts and lexis in the ESL classroom", ["ESL Teaching"]),
        ("EMT conduit runs", ["Electrical Wiring"]),
        ("Registered Nurse Recruiter placing RNs", ["Recruitment"]),
        # Capitalised, a word is the clinical or accounting skill; in the phrases engineers write, it is not.
        ("Telemetry pipelines and telemetry data in Go", ["Go"]),
        ("Skills: Telemetry, Triage, Sage", ["Cardiac Telemetry", "Patient Triage", "Sage Accounting"]),
        ("Bug Triage and Incident Triage", ["Bug Tracking", "Incident Management"]),
        ("Published in SAGE Journals; Barclays PLC", []),
        ("PLC/SCADA", ["PLC Programming", "SCADA"]),
        # A credential in progress is not the credential.
        ("CPA candidate; worked at a CPA firm; pursuing the CPA", []),
        ("CFA Level II candidate", []),
        # Phrases that name two skills at once.
        ("AP & AR", ["Accounts Payable", "Accounts Receivable"]),
        ("accounts payable/receivable", ["Accounts Payable", "Accounts Receivable"]),
        ("critical care and emergency nursing", ["Critical Care", "Nursing", "Emergency Care"]),
        ("onboarding/offboarding", ["Employee Onboarding", "Employee Offboarding"]),
        ("SEO audits", ["Search Engine Optimization"]),
    ],
)
def test_words_of_other_fields_stay_what_they_are(taxonomy: Taxonomy, text: str, expected: list[str]) -> None:
    assert taxonomy.extract(text) == expected


def test_a_phrase_naming_two_skills_gives_two_mentions_of_the_same_words(taxonomy: Taxonomy) -> None:
    text = "Handled AP/AR daily"
    mentions = taxonomy.find(text)
    assert [(m.skill, m.matched) for m in mentions] == [("Accounts Payable", "AP/AR"), ("Accounts Receivable", "AP/AR")]
    assert {text[m.start : m.end] for m in mentions} == {"AP/AR"}


def test_licence_and_license_are_one_spelling(taxonomy: Taxonomy) -> None:
    for text in ("active RN licence", "active RN license", "RN LICENSE", "RN licensure"):
        assert taxonomy.extract(text) == ["Registered Nurse Licence"], text
    assert taxonomy.canonical("driver's license") == taxonomy.canonical("driver's licence") == "Driving Licence"
    assert taxonomy.canonical("licensed electrician") == "Electrician Licence"


@pytest.mark.parametrize(
    ("bullet", "skill"),
    [
        ("Assessed patients on a 30-bed surgical ward", "Patient Assessment"),
        ("Administered medications and charted in Epic", "Medication Administration"),
        ("Educated patients and families before discharge", "Patient Education"),
        ("Reconciled accounts at month end", "Account Reconciliation"),
        ("Troubleshot printers and laptops for 200 staff", "Troubleshooting"),
        ("Onboarded new hires across three sites", "Employee Onboarding"),
        ("Drafted contracts for the commercial team", "Contract Drafting"),
        ("Planned lessons for Year 9 mathematics", "Lesson Planning"),
    ],
)
def test_skills_written_as_what_was_done_are_found(bullet: str, skill: str) -> None:
    assert skill in default_taxonomy().extract(bullet)

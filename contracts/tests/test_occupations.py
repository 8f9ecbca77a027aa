"""Occupational fields: classifying roles and jobs in varied wording, and how related two fields are."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml

from contracts.occupations import (
    FIELDS,
    UNKNOWN_AFFINITY,
    adjacent_fields,
    classify_job,
    classify_role,
    field_affinity,
    field_label,
)
from contracts.occupations.catalogue import CatalogueError, build_catalogue, default_catalogue
from contracts.skills import default_taxonomy

pytestmark = pytest.mark.unit

REQUIRED_FIELDS = {
    "software_backend", "software_frontend", "software_fullstack", "mobile_development", "devops_cloud",
    "data_engineering", "data_science_ml", "data_analytics", "qa_testing", "cybersecurity", "it_support",
    "network_systems_admin", "product_management", "project_management", "ux_ui_design", "graphic_design",
    "nursing", "allied_health", "medicine", "pharmacy", "accounting", "finance", "sales", "marketing",
    "customer_service", "human_resources", "education_teaching", "logistics_supply_chain", "operations",
    "hospitality", "skilled_trades", "construction", "mechanical_engineering", "electrical_engineering",
    "civil_engineering", "legal", "administration", "retail", "manufacturing", "research_science", "media_arts",
}  # fmt: skip

# (title, description, expected field). Titles in the wordings people use, not only the textbook ones.
CASES: list[tuple[str | None, str, str | None]] = [
    # software: the title decides when it is telling
    ("Backend Engineer", "", "software_backend"),
    ("Sr. Back-End Developer (Java/Spring)", "", "software_backend"),
    ("Python Developer", "", "software_backend"),
    ("Golang Engineer II", "", "software_backend"),
    (".NET Developer", "", "software_backend"),
    ("Blockchain Developer", "Wrote Solidity smart contracts", "software_backend"),
    ("Front-End Developer", "", "software_frontend"),
    ("UI Engineer", "", "software_frontend"),
    ("React Developer", "", "software_frontend"),
    ("Full Stack Web Developer", "", "software_fullstack"),
    ("MERN Stack Developer", "", "software_fullstack"),
    ("iOS Engineer", "", "mobile_development"),
    ("Android Developer", "", "mobile_development"),
    ("Flutter Developer", "", "mobile_development"),
    ("Firmware Engineer", "", "embedded_systems"),
    ("Gameplay Programmer", "", "game_development"),
    ("Site Reliability Engineer", "", "devops_cloud"),
    ("SRE", "", "devops_cloud"),
    ("Platform Engineer", "", "devops_cloud"),
    ("DevOps Engineer", "", "devops_cloud"),
    ("Cloud Infrastructure Engineer", "", "devops_cloud"),
    ("Build & Release Engineer", "", "devops_cloud"),
    ("Data Engineer", "", "data_engineering"),
    ("ETL Developer", "", "data_engineering"),
    ("Hadoop Developer", "", "data_engineering"),
    ("Big Data Engineer", "", "data_engineering"),
    ("Data Scientist", "", "data_science_ml"),
    ("Machine Learning Engineer", "", "data_science_ml"),
    ("ML Engineer", "", "data_science_ml"),
    ("Statistician", "", "data_science_ml"),
    ("Data Analyst", "", "data_analytics"),
    ("BI Developer", "", "data_analytics"),
    ("Power BI Developer", "", "data_analytics"),
    ("Oracle DBA", "", "database_administration"),
    ("Database Administrator", "", "database_administration"),
    ("PL/SQL Developer", "", "database_administration"),
    ("QA Engineer", "", "qa_testing"),
    ("Software Engineer in Test", "", "qa_testing"),
    ("SDET", "", "qa_testing"),
    ("Manual Tester", "", "qa_testing"),
    ("Test Automation Engineer", "", "qa_testing"),
    ("Security Engineer", "", "cybersecurity"),
    ("SOC Analyst", "", "cybersecurity"),
    ("Penetration Tester", "", "cybersecurity"),
    ("Network Security Engineer", "", "cybersecurity"),
    ("Help Desk Technician", "", "it_support"),
    ("Desktop Support", "", "it_support"),
    ("IT Support Specialist", "", "it_support"),
    ("Service Desk Analyst (L1)", "", "it_support"),
    ("Technical Support Engineer", "", "it_support"),
    ("System Administrator", "", "network_systems_admin"),
    ("Linux Sysadmin", "", "network_systems_admin"),
    ("Network Engineer", "", "network_systems_admin"),
    ("SAP ABAP Consultant", "", "erp_crm_systems"),
    ("Salesforce Administrator", "", "erp_crm_systems"),
    # software: generic titles resolved by the description and skills
    ("Software Engineer", "", "software_backend"),
    (
        "Software Engineer",
        "Built the customer dashboard in React, Redux and TypeScript; CSS animations.",
        "software_frontend",
    ),
    ("Software Engineer", "Ran Kubernetes clusters with Terraform and Helm; GitHub Actions pipelines.", "devops_cloud"),
    ("Software Engineer", "React front end and a Node.js, Express and PostgreSQL API.", "software_fullstack"),
    ("Software Developer", "Java, Spring Boot microservices and Kafka.", "software_backend"),
    ("Developer", "Swift and SwiftUI apps published on the App Store.", "mobile_development"),
    ("Engineer", "Trained PyTorch models for image classification; deep learning.", "data_science_ml"),
    ("Engineer", "Designed gearboxes in SolidWorks and ran FEA in ANSYS.", "mechanical_engineering"),
    ("Engineer", "Designed PCBs in Altium; power electronics and circuit design.", "electrical_engineering"),
    ("Engineer", "Structural design of RCC buildings using STAAD.Pro and ETABS.", "civil_engineering"),
    ("Senior Engineer II, Backend", "", "software_backend"),
    ("Programmer Analyst", "", "software_backend"),
    ("Web Developer", "", "software_fullstack"),
    ("Analyst", "SQL queries and Tableau dashboards for weekly KPI reporting.", "data_analytics"),
    ("Consultant", "SAP FICO implementation, go-live support.", "erp_crm_systems"),
    ("Intern", "Wrote Selenium and TestNG test cases, regression testing.", "qa_testing"),
    ("Software Engineer, Mobile", "", "mobile_development"),
    ("Engineering Manager", "Led the iOS and Android teams building our Swift and Kotlin apps.", "mobile_development"),
    # product, projects, analysis, design
    ("Product Manager", "", "product_management"),
    ("Product Owner", "", "product_management"),
    ("Head of Product", "", "product_management"),
    ("Project Manager", "", "project_management"),
    ("Scrum Master", "", "project_management"),
    ("PMO Analyst", "", "project_management"),
    ("Technical Program Manager", "", "project_management"),
    ("Business Analyst", "", "business_analysis"),
    ("Management Consultant", "", "business_analysis"),
    ("Product Designer", "", "ux_ui_design"),
    ("UX Researcher", "", "ux_ui_design"),
    ("UI/UX Designer", "", "ux_ui_design"),
    ("Graphic Designer", "", "graphic_design"),
    ("Art Director", "", "graphic_design"),
    ("Designer", "Logos, brochures and packaging in Illustrator and InDesign.", "graphic_design"),
    ("Designer", "Wireframes and prototypes in Figma; usability testing with users.", "ux_ui_design"),
    # health
    ("Registered Nurse", "", "nursing"),
    ("RN", "", "nursing"),
    ("R.N., ICU", "", "nursing"),
    ("Charge Nurse - Med/Surg", "", "nursing"),
    ("Staff Nurse", "", "nursing"),
    ("LPN", "", "nursing"),
    ("Nurse Practitioner", "", "nursing"),
    ("Travel Nurse (Telemetry)", "", "nursing"),
    ("CNA", "", "allied_health"),
    ("Certified Nursing Assistant", "", "allied_health"),
    ("Medical Assistant", "", "allied_health"),
    ("Phlebotomist", "", "allied_health"),
    ("Physiotherapist", "", "allied_health"),
    ("Radiologic Technologist", "", "allied_health"),
    ("Paramedic", "", "allied_health"),
    ("Dental Hygienist", "", "allied_health"),
    ("Physician", "", "medicine"),
    ("Resident Physician, Internal Medicine", "", "medicine"),
    ("General Practitioner", "", "medicine"),
    ("Physician Assistant", "", "medicine"),
    ("Pharmacist", "", "pharmacy"),
    ("Pharmacy Technician", "", "pharmacy"),
    ("Veterinary Technician", "", "veterinary"),
    ("Social Worker", "", "social_services"),
    ("Mental Health Counselor", "", "social_services"),
    ("Personal Trainer", "", "fitness_wellness"),
    ("Yoga Instructor", "", "fitness_wellness"),
    ("Hair Stylist", "", "personal_care"),
    # business
    ("Staff Accountant", "", "accounting"),
    ("Bookkeeper", "", "accounting"),
    ("AP Specialist", "", "accounting"),
    ("A/P Clerk", "", "accounting"),
    ("Accounts Payable Clerk", "", "accounting"),
    ("Controller", "", "accounting"),
    ("Payroll Administrator", "", "accounting"),
    ("Audit Associate", "", "accounting"),
    ("CPA", "", "accounting"),
    ("Accounts Executive", "", "accounting"),
    ("Financial Analyst", "", "finance"),
    ("FP&A Analyst", "", "finance"),
    ("Investment Banking Analyst", "", "finance"),
    ("Loan Officer", "", "finance"),
    ("Bank Teller", "", "finance"),
    ("Underwriter", "", "finance"),
    ("Actuary", "", "finance"),
    ("SDR", "", "sales"),
    ("BDR", "", "sales"),
    ("Account Executive", "", "sales"),
    ("Account Manager", "", "sales"),
    ("Inside Sales Representative", "", "sales"),
    ("Business Development Manager", "", "sales"),
    ("Medical Sales Representative", "", "sales"),
    ("Growth Marketer", "", "marketing"),
    ("SEO Specialist", "", "marketing"),
    ("Digital Marketing Executive", "", "marketing"),
    ("Social Media Manager", "", "marketing"),
    ("Product Marketing Manager", "", "marketing"),
    ("PR Manager", "", "marketing"),
    ("Customer Service Representative", "", "customer_service"),
    ("Call Centre Agent", "", "customer_service"),
    ("Customer Success Manager", "", "customer_service"),
    ("Support Agent", "Answered customer calls and chats, resolved complaints.", "customer_service"),
    ("HR Generalist", "", "human_resources"),
    ("Recruiter", "", "human_resources"),
    ("Nurse Recruiter", "", "human_resources"),
    ("Technical Recruiter", "", "human_resources"),
    ("Talent Acquisition Partner", "", "human_resources"),
    ("HRBP", "", "human_resources"),
    ("Administrative Assistant", "", "administration"),
    ("Receptionist", "", "administration"),
    ("Executive Assistant to the CEO", "", "administration"),
    ("Data Entry Operator", "", "administration"),
    ("Office Manager", "", "administration"),
    ("Clerk", "", "administration"),
    ("Operations Manager", "", "operations"),
    ("Director of Operations", "", "operations"),
    ("Chief Operating Officer", "", "operations"),
    ("Warehouse Associate", "", "logistics_supply_chain"),
    ("Forklift Operator", "", "logistics_supply_chain"),
    ("Dispatcher", "", "logistics_supply_chain"),
    ("Supply Chain Analyst", "", "logistics_supply_chain"),
    ("Purchasing Agent", "", "logistics_supply_chain"),
    ("Picker/Packer", "", "logistics_supply_chain"),
    ("Shipping & Receiving Clerk", "", "logistics_supply_chain"),
    (
        "Associate",
        "Picked and packed orders in the warehouse, forklift certified, loaded pallets.",
        "logistics_supply_chain",
    ),
    ("Truck Driver (CDL-A)", "", "transportation"),
    ("Delivery Driver", "", "transportation"),
    ("Front Desk Agent", "", "hospitality"),
    ("Hotel Night Auditor", "", "hospitality"),
    ("Event Coordinator", "", "hospitality"),
    ("Line Cook", "", "food_service"),
    ("Barista", "", "food_service"),
    ("Sous Chef", "", "food_service"),
    ("Server/Bartender", "", "food_service"),
    ("Cashier", "", "retail"),
    ("Retail Sales Associate", "", "retail"),
    ("Store Manager", "", "retail"),
    ("Visual Merchandiser", "", "retail"),
    ("Realtor", "", "real_estate"),
    ("Property Manager", "", "real_estate"),
    # education, legal, public
    ("Teacher", "", "education_teaching"),
    ("High School Math Teacher", "", "education_teaching"),
    ("Teaching Assistant", "", "education_teaching"),
    ("Assistant Professor of Chemistry", "", "education_teaching"),
    ("Tutor", "", "education_teaching"),
    ("Instructional Designer", "", "education_teaching"),
    ("Nanny", "", "childcare"),
    ("Paralegal", "", "legal"),
    ("Attorney", "", "legal"),
    ("Associate Attorney", "", "legal"),
    ("Advocate", "", "legal"),
    ("Legal Counsel", "", "legal"),
    ("Compliance Officer", "", "legal"),
    ("Security Guard", "", "protective_services"),
    ("Police Officer", "", "protective_services"),
    ("Firefighter/EMT", "", "protective_services"),
    # trades, engineering, industry
    ("Electrician", "", "skilled_trades"),
    ("Journeyman Electrician", "", "skilled_trades"),
    ("Plumber", "", "skilled_trades"),
    ("HVAC Technician", "", "skilled_trades"),
    ("Welder/Fabricator", "", "skilled_trades"),
    ("Auto Mechanic", "", "skilled_trades"),
    ("Carpenter", "", "skilled_trades"),
    ("Construction Laborer", "", "construction"),
    ("Site Supervisor", "", "construction"),
    ("Construction Project Manager", "", "construction"),
    ("Quantity Surveyor", "", "construction"),
    ("Janitor", "", "facilities_maintenance"),
    ("Custodian", "", "facilities_maintenance"),
    ("Facilities Manager", "", "facilities_maintenance"),
    ("Machine Operator", "", "manufacturing"),
    ("CNC Machinist", "", "manufacturing"),
    ("Production Supervisor", "", "manufacturing"),
    ("Quality Inspector", "", "manufacturing"),
    ("Mechanical Engineer", "", "mechanical_engineering"),
    ("Mechanical Design Engineer", "", "mechanical_engineering"),
    ("HVAC Design Engineer", "", "mechanical_engineering"),
    ("Electrical Engineer", "", "electrical_engineering"),
    ("Controls Engineer", "", "electrical_engineering"),
    ("PLC Programmer", "", "electrical_engineering"),
    ("Civil Engineer", "", "civil_engineering"),
    ("Structural Engineer", "", "civil_engineering"),
    ("Chemical Engineer", "", "chemical_engineering"),
    ("Process Engineer", "", "chemical_engineering"),
    ("Architect", "", "architecture"),
    ("Landscape Architect", "", "architecture"),
    ("Interior Designer", "", "architecture"),
    ("Research Scientist", "", "research_science"),
    ("Lab Technician", "", "research_science"),
    ("Postdoctoral Fellow", "", "research_science"),
    ("Clinical Research Coordinator", "", "research_science"),
    ("Copywriter", "", "writing_content"),
    ("Technical Writer", "", "writing_content"),
    ("Journalist", "", "writing_content"),
    ("Photographer", "", "media_arts"),
    ("Video Editor", "", "media_arts"),
    ("Sound Engineer", "", "media_arts"),
    ("Farm Hand", "", "agriculture"),
    ("Landscaper", "", "agriculture"),
    # qualifiers, alternatives and abbreviations
    ("Sr. Staff Software Engineer, Infrastructure", "", "devops_cloud"),
    ("Software Engineer III - Data Platform", "", "data_engineering"),
    ("Member of Technical Staff", "", "software_backend"),
    ("React/Node Developer", "", "software_fullstack"),
    ("Java/React Developer", "", "software_fullstack"),
    ("Python/Django Developer", "", "software_backend"),
    ("Technical Architect", "", "software_backend"),
    ("Solutions Architect", "", "software_backend"),
    ("Cloud Architect", "", "devops_cloud"),
    ("QA/QC Civil Engineer", "", "civil_engineering"),
    ("AP/AR Specialist", "", "accounting"),
    ("CI/CD Engineer", "", "devops_cloud"),
    ("Firefighter/EMT", "", "protective_services"),
    ("Prep Cook/Dishwasher", "", "food_service"),
    ("Pharm.D. Candidate", "", "pharmacy"),
    ("Family Nurse Practitioner (FNP-C)", "", "nursing"),
    ("Chief Nursing Officer", "", "nursing"),
    ("Equity Research Associate", "", "finance"),
    ("Associate, Investment Banking", "", "finance"),
    ("Summer Intern - Marketing", "", "marketing"),
    ("Social Media Intern", "", "marketing"),
    ("Team Lead, Customer Support", "", "customer_service"),
    ("Manager - Operations", "", "operations"),
    ("Network Admin", "", "network_systems_admin"),
    ("Information Security Officer", "", "cybersecurity"),
    ("Security Officer", "", "protective_services"),
    ("Head Coach, Women's Soccer", "", "fitness_wellness"),
    ("Daycare Teacher", "", "childcare"),
    ("Court Clerk", "", "legal"),
    ("Bank Clerk", "", "finance"),
    ("Hotel Front Desk Clerk", "", "hospitality"),
    ("Entry Level Accountant", "", "accounting"),
    ("Data Entry Clerk", "", "administration"),
    # generic titles outside software, resolved by what the work was
    (
        "Coordinator",
        "Planned corporate events and weddings: venues, catering, guest lists and itineraries.",
        "hospitality",
    ),
    ("Specialist", "Processed bi-weekly payroll for 400 employees; reconciled the general ledger.", "accounting"),
    (
        "Technician",
        "Installed and serviced HVAC systems and refrigeration units; diagnosed compressors.",
        "skilled_trades",
    ),
    ("Technician", "Drew blood, processed specimens, recorded vitals for patients in the clinic.", "allied_health"),
    ("Technician", "Reset passwords, imaged laptops, resolved tickets in ServiceNow for 300 end users.", "it_support"),
    ("Associate", "Greeted shoppers, ran the register, restocked shelves and built displays.", "retail"),
    ("Manager", "Ran a 60-cover restaurant: kitchen staff, menu, food safety and front of house.", "food_service"),
    ("Consultant", "Full-cycle recruitment: sourced candidates, screened and scheduled interviews.", "human_resources"),
    ("Assistant", "Drafted pleadings, filed motions with the court and organised discovery for attorneys.", "legal"),
    ("Assistant", "Answered phones, managed calendars and filed correspondence.", "administration"),
    ("Intern", "Wrote blog posts, scheduled social media campaigns and tracked engagement in Hootsuite.", "marketing"),
    (
        "Volunteer",
        "Taught English to refugee children; lesson planning and classroom management.",
        "education_teaching",
    ),
    ("Analyst", "Built financial models, DCF valuation, variance analysis and budgeting.", "finance"),
    ("Officer", "Patrolled premises, monitored CCTV and wrote incident reports.", "protective_services"),
    (
        "Supervisor",
        "Supervised a crew of 12 on the production line; machine setup, scrap reduction, 5S.",
        "manufacturing",
    ),
    ("Lead", "Led a team of carpenters and laborers on residential framing and drywall jobs.", "construction"),
    ("Engineer", "Configured Cisco routers and switches, BGP and OSPF, VLANs and firewalls.", "network_systems_admin"),
    ("Developer", "Built Unity games in C#; gameplay mechanics and level design.", "game_development"),
    (None, "Drove a 53-foot tractor trailer on long-haul routes, DOT logbooks, safe driving record.", "transportation"),
    (
        None,
        "Taught high school chemistry and physics; lesson plans, grading, parent conferences.",
        "education_teaching",
    ),
    # a second table, written before the classifier was tuned on it
    ("Senior Java Engineer", "", "software_backend"),
    ("Associate Data Scientist", "", "data_science_ml"),
    ("Machine Learning Intern", "", "data_science_ml"),
    ("Android Team Lead", "", "mobile_development"),
    ("Automation QA Lead", "", "qa_testing"),
    ("IT Helpdesk Analyst", "", "it_support"),
    ("Network Operations Center Technician", "", "network_systems_admin"),
    ("Dynamics 365 Developer", "", "erp_crm_systems"),
    ("IT Program Manager", "", "project_management"),
    ("Strategy Consultant", "", "business_analysis"),
    ("Junior Graphic Designer", "", "graphic_design"),
    ("Labor & Delivery Nurse", "", "nursing"),
    ("Home Health Aide", "", "allied_health"),
    ("Emergency Room Physician", "", "medicine"),
    ("Clinical Pharmacist", "", "pharmacy"),
    ("Licensed Clinical Social Worker", "", "social_services"),
    ("Accounts Payable Specialist", "", "accounting"),
    ("Tax Associate", "", "accounting"),
    ("Investment Analyst", "", "finance"),
    ("Sales Development Rep", "", "sales"),
    ("Digital Marketing Specialist", "", "marketing"),
    ("Communications Coordinator", "", "marketing"),
    ("Client Services Representative", "", "customer_service"),
    ("People Operations Manager", "", "human_resources"),
    ("Administrative Coordinator", "", "administration"),
    ("General Manager", "", "operations"),
    ("Inventory Control Clerk", "", "logistics_supply_chain"),
    ("Bus Driver", "", "transportation"),
    ("Restaurant Manager", "", "food_service"),
    ("Retail Associate", "", "retail"),
    ("Real Estate Agent", "", "real_estate"),
    ("Substitute Teacher", "", "education_teaching"),
    ("Preschool Teacher", "", "education_teaching"),
    ("Corporate Lawyer", "", "legal"),
    ("Police Officer II", "", "protective_services"),
    ("Diesel Mechanic", "", "skilled_trades"),
    ("Site Foreman", "", "construction"),
    ("Housekeeping Attendant", "", "hospitality"),
    ("Quality Control Inspector", "", "manufacturing"),
    ("Mechanical Engineer II", "", "mechanical_engineering"),
    ("Structural Engineer PE", "", "civil_engineering"),
    ("Petroleum Engineer", "", "chemical_engineering"),
    ("Research Associate II", "", "research_science"),
    ("Content Writer", "", "writing_content"),
    ("Video Editor/Motion Designer", "", "media_arts"),
    ("Arborist", "", "agriculture"),
    # generic titles in every profession, resolved by the description
    ("Software Engineer", "Maintained Django REST APIs and Celery workers; PostgreSQL tuning.", "software_backend"),
    (
        "Software Engineer",
        "Built Angular components and SCSS styles; improved Lighthouse scores and accessibility.",
        "software_frontend",
    ),
    (
        "Software Engineer",
        "Owned features end to end: Vue.js front end, Laravel back end, MySQL.",
        "software_fullstack",
    ),
    ("Software Engineer", "Kotlin Android app and Jetpack Compose UI; Play Store releases.", "mobile_development"),
    ("Software Engineer", "Airflow DAGs and Spark jobs loading the Snowflake warehouse.", "data_engineering"),
    ("Software Engineer", "Automated regression suites with Cypress and Playwright; defect triage.", "qa_testing"),
    ("Software Engineer", "Terraform modules, EKS clusters, Prometheus alerting and on-call.", "devops_cloud"),
    ("Engineer", "AutoCAD and Revit drawings for bridge and highway projects; site inspections.", "civil_engineering"),
    ("Engineer", "Designed control panels, PLC programming in RSLogix and SCADA screens.", "electrical_engineering"),
    ("Engineer", "HYSYS simulations of distillation columns; HAZOP studies at the refinery.", "chemical_engineering"),
    ("Analyst", "Reconciled vendor statements, posted journal entries and accruals for month-end close.", "accounting"),
    (
        "Analyst",
        "Monitored SIEM alerts in Splunk, triaged phishing incidents, vulnerability scans with Nessus.",
        "cybersecurity",
    ),
    ("Analyst", "Gathered requirements from stakeholders, wrote BRDs and user stories, ran UAT.", "business_analysis"),
    ("Analyst", "Built Power BI dashboards and SQL reports for the sales leadership.", "data_analytics"),
    ("Consultant", "Configured ServiceNow ITSM modules and workflows for enterprise clients.", "erp_crm_systems"),
    ("Consultant", "Advised clients on litigation strategy, drafted contracts and court filings.", "legal"),
    (
        "Associate",
        "Cold-called prospects, booked demos and managed the pipeline in Salesforce; exceeded quota.",
        "sales",
    ),
    (
        "Associate",
        "Handled inbound customer calls and chats, resolved billing complaints, CSAT 95%.",
        "customer_service",
    ),
    ("Specialist", "Ran Google Ads and paid social campaigns; SEO keyword research; reported ROAS.", "marketing"),
    ("Specialist", "Onboarded new hires, maintained HRIS records in Workday, benefits enrollment.", "human_resources"),
    (
        "Coordinator",
        "Scheduled shipments with carriers, tracked freight and managed warehouse inventory.",
        "logistics_supply_chain",
    ),
    ("Manager", "Managed a 30-bed med-surg unit, nurse staffing and patient care quality.", "nursing"),
    ("Manager", "Led the store team, merchandising, cash handling and inventory counts.", "retail"),
    ("Manager", "Managed hotel front desk, reservations, housekeeping and guest complaints.", "hospitality"),
    (
        "Technician",
        "Calibrated instruments, ran HPLC assays and documented results in the lab notebook.",
        "research_science",
    ),
    (
        "Technician",
        "Assembled and tested circuit boards, soldering and troubleshooting electronics.",
        "electrical_engineering",
    ),
    (
        "Technician",
        "Repaired brakes, engines and transmissions; diagnostics on cars and light trucks.",
        "skilled_trades",
    ),
    ("Intern", "Assisted teachers in the classroom, graded homework and tutored students.", "education_teaching"),
    ("Intern", "Shadowed pharmacists, counted prescriptions and counselled patients on medications.", "pharmacy"),
    (
        "Assistant",
        "Medical assistant duties: vitals, injections, rooming patients in a family practice.",
        "allied_health",
    ),
    ("Assistant", "Cared for toddlers at a daycare: meals, naps and play activities.", "childcare"),
    (
        "Worker",
        "Operated a forklift, picked and packed orders, loaded trucks at the distribution center.",
        "logistics_supply_chain",
    ),
    (
        "Worker",
        "Cleaned offices and restrooms, emptied trash, mopped floors on the night shift.",
        "facilities_maintenance",
    ),
    ("Volunteer", "Sorted donations and served meals at a food bank.", None),
    ("Director", "Directed fundraising, donor relations and grant writing for the nonprofit.", None),
    (None, "Wrote and edited feature articles for a regional newspaper; interviewed sources.", "writing_content"),
    (None, "Served tables, took orders and handled the POS in a busy restaurant.", "food_service"),
    (None, "Delivered parcels on a daily route, scanned packages, maintained the van.", "transportation"),
    (None, "Prepared tax returns for individuals and small businesses using Drake Tax.", "accounting"),
    # unknown
    (None, "", None),
    ("", "", None),
    ("Wizard", "", None),
    ("Principal Engineer", "", None),
    ("Vice President, Engineering", "", None),
    ("Team Member", "", None),
    ("Volunteer", "", None),
    ("Principal", "", None),
    ("Consultant, Deloitte", "", None),
    ("Was given raw data, carried out end to end analysis and presented insights to client.", "", None),
    # A sentence in the title slot is read as a description: the doctors it names do not make a doctor.
    ("Worked with nurses and doctors to schedule patient appointments and answer phones at the front desk", "", None),
    ("Consultant", "", None),
    ("Manager", "", None),
    ("Engineer", "", None),
    ("Intern", "", None),
    ("Analyst", "", None),
    # no title: the description and skills decide when they are strong
    (None, "Administered medications, wound care and patient assessment on a med-surg ward.", "nursing"),
    (None, "Reconciled accounts, posted journal entries and ran month-end close in QuickBooks.", "accounting"),
]


@pytest.mark.parametrize(("title", "description", "expected"), CASES)
def test_classify_role(title: str | None, description: str, expected: str | None) -> None:
    assert classify_role(title, description) == expected


def test_the_table_covers_every_required_field_in_varied_wording() -> None:
    assert len(CASES) >= 150
    covered = Counter(expected for _, _, expected in CASES if expected)
    assert REQUIRED_FIELDS <= set(covered)
    assert set(covered) <= set(FIELDS)


def test_fields_include_those_the_matcher_relies_on() -> None:
    assert REQUIRED_FIELDS <= set(FIELDS)
    assert len(FIELDS) == len(set(FIELDS))
    assert all(field.isidentifier() and field.islower() and len(field) <= 50 for field in FIELDS)


def test_every_field_has_a_label_titles_and_a_neighbour() -> None:
    catalogue = default_catalogue()
    decided = {meaning for meaning in catalogue.titles.values() if isinstance(meaning, str)}
    for field in FIELDS:
        assert field_label(field)
        assert field_label(field) != field
        assert field in decided, f"no title decides {field}"
        assert adjacent_fields(field), f"{field} has no adjacent field"


def test_field_label_names_fields_for_explanations() -> None:
    assert field_label("software_backend") == "Backend software engineering"
    assert field_label("nursing") == "Nursing"
    assert field_label("no_such_field") == "no_such_field"


@pytest.mark.parametrize(
    ("title", "skills", "expected"),
    [
        ("Software Engineer", ["Kubernetes", "Terraform", "AWS"], "devops_cloud"),
        ("Software Engineer", ["React", "CSS", "TypeScript"], "software_frontend"),
        ("Software Engineer", ["React", "Node.js", "PostgreSQL"], "software_fullstack"),
        ("Software Engineer", ["Java", "Spring Boot", "React"], "software_fullstack"),
        ("Software Engineer", ["Java", "Spring Boot", "Apache Kafka", "Microservices", "React"], "software_backend"),
        ("Consultant", ["Salesforce", "Visualforce", "Salesforce Apex"], "erp_crm_systems"),
        ("Associate", ["Accounts Payable", "QuickBooks", "Account Reconciliation"], "accounting"),
        (None, ["Patient Assessment", "Medication Administration", "Wound Care"], "nursing"),
        (None, ["Git"], None),
        # A telling title is not overridden by skills.
        ("Registered Nurse", ["Python", "SQL", "Tableau"], "nursing"),
        ("Data Analyst", ["Kubernetes", "Terraform"], "data_analytics"),
    ],
)
def test_skills_resolve_generic_titles(title: str | None, skills: list[str], expected: str | None) -> None:
    assert classify_role(title, "", skills) == expected


def test_skills_may_be_written_as_people_write_them() -> None:
    assert classify_role("Software Engineer", "", ["reactjs", "css3", "typescript"]) == "software_frontend"


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("Backend Engineer", "You will work closely with our designers and frontend engineers.", "software_backend"),
        ("Registered Nurse - ICU", "Join our hospital's intensive care unit.", "nursing"),
        ("Engineer", "Requirements: 3+ years of Kubernetes, Terraform, AWS and CI/CD pipelines.", "devops_cloud"),
        (
            "Manager",
            "Lead our warehouse team: inventory, shipping and receiving, forklift safety.",
            "logistics_supply_chain",
        ),
        ("Staff Accountant", "Month-end close, reconciliations, journal entries.", "accounting"),
        ("Barista", "", "food_service"),
        ("Associate", "", None),
    ],
)
def test_classify_job(title: str, description: str, expected: str | None) -> None:
    assert classify_job(title, description) == expected


def test_title_case_punctuation_and_seniority_do_not_matter() -> None:
    variants = [
        "senior backend engineer",
        "SENIOR BACKEND ENGINEER",
        "Sr. Backend Engineer",
        "Backend Engineer II",
        "Lead Back-End Engineer",
        "Backend Engineer (Payments)",
        "Backend Engineer @ Acme",
        "Jr Back End Engineer, Platform",
    ]
    assert {classify_role(title) for title in variants} == {"software_backend"}


def test_the_main_part_of_a_title_outranks_its_qualifiers() -> None:
    assert classify_role("Accountant, Hotel Group") == "accounting"
    assert classify_role("Software Engineer, Sales Team") == "software_backend"
    assert classify_role("Manager, Human Resources") == "human_resources"


def test_a_place_code_after_the_title_names_no_field() -> None:
    assert classify_role("Manager, Baltimore, MD") is None
    assert classify_role("Registered Nurse, Los Angeles, CA") == "nursing"
    assert classify_role("Operations Manager - Philadelphia, PA") == "operations"
    assert classify_role("MD") == "medicine"


def test_the_recruiter_is_in_hr_not_in_the_field_they_hire_for() -> None:
    for title in ["IT Recruiter", "Nurse Recruiter", "Healthcare Recruiter", "Technical Recruiter - Engineering"]:
        assert classify_role(title) == "human_resources", title


def test_a_trailing_number_is_ignored_like_a_level() -> None:
    # Speed is measured in bench/classify_throughput.py, not asserted here.
    titles = [f"{title} {index}" for index, title in enumerate(title for title, _, _ in CASES if title)]
    assert [classify_role(title) for title in titles] == [classify_role(title) for title, _, _ in CASES if title]


# --- affinity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("job", "role", "expected"),
    [
        ("software_backend", "software_backend", 1.0),
        ("software_backend", "devops_cloud", 0.6),
        ("software_backend", "software_fullstack", 0.8),
        ("software_frontend", "software_fullstack", 0.8),
        ("software_frontend", "ux_ui_design", 0.4),
        ("software_frontend", "mobile_development", 0.5),
        ("data_engineering", "software_backend", 0.5),
        ("data_science_ml", "data_analytics", 0.6),
        ("nursing", "allied_health", 0.5),
        ("nursing", "medicine", 0.4),
        ("accounting", "finance", 0.7),
        ("sales", "marketing", 0.5),
        ("sales", "customer_service", 0.4),
        ("it_support", "network_systems_admin", 0.6),
        ("nursing", "software_backend", 0.0),
        ("accounting", "food_service", 0.0),
    ],
)
def test_field_affinity(job: str, role: str, expected: float) -> None:
    assert field_affinity(job, role) == pytest.approx(expected)
    assert field_affinity(role, job) == pytest.approx(expected)


def test_unknown_fields_get_the_neutral_affinity() -> None:
    assert 0.0 < UNKNOWN_AFFINITY < 1.0
    assert field_affinity(None, "nursing") == UNKNOWN_AFFINITY
    assert field_affinity("nursing", None) == UNKNOWN_AFFINITY
    assert field_affinity(None, None) == UNKNOWN_AFFINITY
    assert field_affinity("retired_field", "nursing") == UNKNOWN_AFFINITY


def test_adjacency_is_symmetric_and_within_bounds() -> None:
    adjacency = default_catalogue().adjacency
    for (one, other), weight in adjacency.items():
        assert one in FIELDS
        assert other in FIELDS
        assert 0.0 < weight < 1.0
        assert adjacency[(other, one)] == weight


def test_adjacent_fields_lists_the_strongest_first() -> None:
    neighbours = adjacent_fields("software_backend")
    assert next(iter(neighbours)) == "software_fullstack"
    assert list(neighbours.values()) == sorted(neighbours.values(), reverse=True)


# --- catalogue validation ------------------------------------------------------------------


def _shipped() -> dict[str, Any]:
    text = resources.files("contracts.occupations").joinpath("fields.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "families": {"any": []},
        "fields": {
            "alpha": {"label": "Alpha", "titles": ["alpha worker"]},
            "beta": {"label": "Beta", "titles": ["beta worker"]},
        },
        "generic_titles": [{"titles": ["worker"], "family": "any", "default": None}],
        "adjacency": [["alpha", "beta", 0.5]],
    }
    data.update(changes)
    return data


def test_a_minimal_catalogue_loads() -> None:
    catalogue = build_catalogue(_minimal())
    assert catalogue.fields == ("alpha", "beta")
    assert catalogue.adjacency[("beta", "alpha")] == 0.5


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"adjacency": [["alpha", "gamma", 0.5]]}, "unknown field 'gamma'"),
        ({"adjacency": [["alpha", "beta", 1.0]]}, "strictly between 0 and 1"),
        ({"adjacency": [["alpha", "beta", 0]]}, "strictly between 0 and 1"),
        ({"adjacency": [["alpha", "alpha", 0.5]]}, "with itself"),
        ({"adjacency": [["alpha", "beta", 0.5], ["beta", "alpha", 0.4]]}, "twice"),
        ({"adjacency": [["alpha", "beta"]]}, "must be"),
        ({"generic_titles": [{"titles": ["worker"], "family": "nope"}]}, "unknown family"),
        ({"generic_titles": [{"titles": ["worker"], "family": "any", "default": "gamma"}]}, "unknown field"),
        ({"families": {"any": [], "pair": ["alpha", "gamma"]}}, "unknown field 'gamma'"),
        ({"skill_categories": {"frontend": "gamma"}}, "unknown field 'gamma'"),
        (
            {
                "fields": {
                    "alpha": {"label": "A", "titles": ["worker x"]},
                    "beta": {"label": "B", "titles": ["Worker-X"]},
                }
            },
            "means both",
        ),
        ({"fields": {"alpha": {"titles": ["alpha worker"]}}}, "needs a label"),
        ({"fields": {"alpha": {"label": "A", "titles": ["Senior II"]}}}, "no words left"),
        (
            {
                "fields": {"alpha": {"label": "A", "titles": ["alpha worker"], "skills": ["Git"]}},
                "neutral_skills": ["Git"],
                "adjacency": [],
            },
            "both neutral",
        ),
    ],
)
def test_the_loader_refuses_an_inconsistent_catalogue(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogueError, match=message):
        build_catalogue(_minimal(**changes))


def test_skill_cues_name_canonical_skills_and_categories() -> None:
    taxonomy = default_taxonomy()
    data = _shipped()
    named = {skill for spec in data["fields"].values() for skill in spec.get("skills") or []}
    named |= set(data["neutral_skills"])
    unknown = {skill for skill in named if skill not in taxonomy.skills}
    # A cue spelt as a synonym would still work, but says the catalogue drifted from the vocabulary.
    assert not {skill for skill in unknown if taxonomy.canonical(skill)}, "use the canonical names"
    # Cues for skills the vocabulary has not learnt yet are harmless (they never match) but should be few.
    assert len(unknown) <= 40, sorted(unknown)
    assert set(data["skill_categories"]) <= set(taxonomy.categories())


def test_the_shipped_catalogue_lists_each_adjacent_pair_once() -> None:
    pairs = [frozenset(row[:2]) for row in _shipped()["adjacency"]]
    assert len(pairs) == len(set(pairs))

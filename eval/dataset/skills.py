"""The skills people in the set's fields use, and the words they write for them.

A skill's id is the name the shared vocabulary uses when it has one; a few common clinical, accounting
and trade skills the vocabulary may not know yet keep a plain name. The first spelling is the plain one;
the rest are what people also write ("AdWords" for search ads, "vent management", "QBO"): a
synonym-rich resume picks from those. Each skill is either a tool (something one works *in*: Figma,
PostgreSQL) or a practice (something one *does*: wound care, cold calling), which decides how a
sentence that shows it is worded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["tool", "practice"]


@dataclass(frozen=True)
class SkillSpec:
    """A skill: how to word a sentence about it, and its spellings (plain one first)."""

    name: str
    kind: Kind
    spellings: tuple[str, ...]

    @property
    def synonyms(self) -> tuple[str, ...]:
        """The other spellings, or the plain one when there is no other."""
        return self.spellings[1:] or self.spellings[:1]


def _catalogue(kind: Kind, rows: dict[str, tuple[str, ...]]) -> dict[str, SkillSpec]:
    return {name: SkillSpec(name, kind, (name, *synonyms)) for name, synonyms in rows.items()}


_TOOLS: dict[str, tuple[str, ...]] = {
    # software
    "Python": ("Python 3", "python3"),
    "Java": ("Java 17", "Core Java"),
    "Go": ("Golang",),
    "JavaScript": ("ES6", "JS"),
    "TypeScript": (),
    "SQL": (),
    "Django": ("Django REST Framework",),
    "FastAPI": (),
    "Flask": (),
    "Spring Boot": (),
    "Node.js": ("NodeJS", "Node js"),
    "PostgreSQL": ("Postgres",),
    "MySQL": (),
    "MongoDB": ("Mongo",),
    "Redis": (),
    "Apache Kafka": ("Kafka",),
    "RabbitMQ": (),
    "gRPC": (),
    "Docker": (),
    "Kubernetes": ("K8s", "k8s"),
    "Git": ("GitHub", "GitLab"),
    "React": ("React.js", "ReactJS"),
    "Vue.js": ("Vue", "VueJS"),
    "Angular": ("Angular 15",),
    "Next.js": ("NextJS",),
    "Redux": ("Redux Toolkit",),
    "HTML": ("HTML5",),
    "CSS": ("CSS3",),
    "Tailwind CSS": ("Tailwind",),
    "Webpack": (),
    "Vite": (),
    "Jest": (),
    "Cypress": (),
    "Storybook": (),
    "GraphQL": (),
    "Scala": (),
    "Microsoft Office": ("MS Office", "Office 365"),
    # data
    "Excel": ("Microsoft Excel", "MS Excel"),
    "Tableau": (),
    "Power BI": ("PowerBI",),
    "Looker": (),
    "Pandas": ("pandas",),
    "NumPy": ("numpy",),
    "scikit-learn": ("sklearn",),
    "PyTorch": (),
    "TensorFlow": (),
    "R": ("RStudio",),
    "Apache Spark": ("PySpark", "Spark"),
    "Apache Airflow": ("Airflow",),
    "dbt": ("dbt Core",),
    "Snowflake": (),
    "BigQuery": ("Google BigQuery",),
    "Jupyter": ("Jupyter notebooks",),
    # devops
    "AWS": ("Amazon Web Services",),
    "Azure": ("Microsoft Azure",),
    "Google Cloud": ("GCP", "Google Cloud Platform"),
    "Terraform": ("HashiCorp Terraform",),
    "Ansible": (),
    "Jenkins": (),
    "GitHub Actions": (),
    "GitLab CI": ("GitLab CI/CD",),
    "Helm": ("Helm charts",),
    "Prometheus": (),
    "Grafana": (),
    "Linux": ("RHEL", "Ubuntu Linux"),
    "Bash": ("shell scripting",),
    "Argo CD": ("ArgoCD",),
    # clinical
    "Epic Systems": ("Epic", "Epic EHR"),
    "Cerner": ("Cerner EHR",),
    "Electronic Health Records": ("EHR", "EMR", "electronic medical records"),
    # accounting
    "QuickBooks": ("QBO", "QuickBooks Online"),
    "Xero": (),
    "SAP FICO": ("SAP FI",),
    "NetSuite": ("Oracle NetSuite",),
    # marketing and sales
    "Google Analytics": ("GA4",),
    "HubSpot": ("HubSpot CRM",),
    "Salesforce": ("SFDC", "Salesforce.com"),
    "Mailchimp": (),
    "SEMrush": (),
    "Google Tag Manager": (),
    # design
    "Figma": (),
    "Sketch": (),
    "Adobe XD": (),
    "Adobe Photoshop": ("Photoshop",),
    "Adobe Illustrator": ("Illustrator",),
    "InDesign": ("Adobe InDesign",),
    "Adobe After Effects": ("After Effects",),
    "Miro": (),
    # IT support
    "Active Directory": ("AD DS",),
    "Office 365 Administration": ("M365 admin center", "Office 365 admin"),
    "ServiceNow": (),
    "Microsoft SCCM": ("SCCM", "MECM"),
    "Intune": ("Microsoft Intune", "Endpoint Manager"),
    "macOS": ("Mac OS X",),
    "Microsoft Windows": ("Windows 10/11",),
    "Jira": ("JIRA", "Jira Service Management"),
    # teaching
    "Google Classroom": (),
    "Moodle": (),
    # HR
    "Workday": ("Workday HCM",),
    "HRIS": ("HRMS", "BambooHR"),
    "Applicant Tracking Systems": ("ATS", "Greenhouse ATS"),
    "LinkedIn Recruiter": (),
    # logistics
    "Warehouse Management": ("WMS", "warehouse management system"),
    "SAP": ("SAP ERP",),
    # hospitality
    "Point of Sale": ("POS", "POS systems"),
    "Opera PMS": ("Oracle Opera", "Opera"),
    # legal
    "Westlaw": ("Westlaw Edge",),
    "LexisNexis": ("Lexis",),
    "Relativity": ("RelativityOne",),
    # trades
    "AutoCAD": ("Auto CAD",),
}

_PRACTICES: dict[str, tuple[str, ...]] = {
    # software
    "REST APIs": ("RESTful APIs", "RESTful services"),
    "Microservices": ("microservice architecture",),
    "Unit Testing": ("unit tests",),
    "System Design": ("systems design",),
    "Code Review": ("code reviews",),
    "Web Accessibility": ("WCAG 2.1", "a11y"),
    "Responsive Design": ("responsive layouts", "mobile-first design"),
    "CI/CD": ("continuous integration and delivery", "CI/CD pipelines"),
    "Infrastructure as Code": ("IaC",),
    "Site Reliability Engineering": ("SRE practices",),
    "Monitoring and Observability": ("observability",),
    # data
    "Data Visualization": ("data viz", "dashboards"),
    "Statistics": ("statistical analysis",),
    "A/B Testing": ("split testing", "controlled experiments"),
    "Machine Learning": ("ML",),
    "Deep Learning": ("neural networks",),
    "Natural Language Processing": ("NLP",),
    "Feature Engineering": (),
    "Time Series Analysis": ("time-series forecasting",),
    "ETL": ("ELT pipelines", "ETL pipelines"),
    "Data Warehousing": ("data warehouse design",),
    "Data Modeling": ("dimensional modelling", "data modelling"),
    "Data Analysis": ("data analytics",),
    # clinical
    "Nursing": ("RN practice",),
    "Patient Assessment": ("head-to-toe assessments", "health assessment"),
    "Medication Administration": ("med pass", "administering medication"),
    "Wound Care": ("wound management", "dressing changes"),
    "Infection Control": ("infection prevention",),
    "Vital Signs": ("vitals monitoring",),
    "Patient Triage": ("triage",),
    "Phlebotomy": ("venipuncture", "blood draws"),
    "IV Therapy": ("IV insertion", "IV starts"),
    "Ventilator Management": ("vent management", "mechanical ventilation"),
    "Care Planning": ("nursing care plans",),
    "Patient Education": ("discharge teaching",),
    "Telemetry": ("cardiac monitoring", "tele monitoring"),
    "Emergency Care": ("emergency nursing",),
    "Pediatrics": ("paediatric care",),
    "Geriatric Care": ("elder care",),
    "Physical Therapy": ("physiotherapy", "PT treatment"),
    "Manual Therapy": ("joint mobilisation", "soft tissue mobilization"),
    "Exercise Prescription": ("therapeutic exercise",),
    "Gait Training": ("gait retraining",),
    "Orthopedic Rehabilitation": ("ortho rehab", "post-operative rehabilitation"),
    "Pharmacy": ("dispensing",),
    "Prescription Processing": ("Rx processing", "prescription entry"),
    "Medication Compounding": ("sterile compounding", "compounding"),
    "Medical Terminology": (),
    "Pharmacology": ("drug knowledge",),
    # accounting
    "Accounting": ("accountancy",),
    "General Ledger": ("GL", "GL maintenance"),
    "Account Reconciliation": ("account recs", "bank recs", "bank reconciliations"),
    "Accounts Payable": ("AP", "payables"),
    "Accounts Receivable": ("AR", "receivables"),
    "Financial Reporting": ("financial statements",),
    "Month-End Close": ("month-end", "period close"),
    "GAAP": ("US GAAP",),
    "Payroll": ("payroll processing",),
    "Taxation": ("tax preparation", "tax returns"),
    "Budgeting": ("budget preparation",),
    "Auditing": ("audit fieldwork", "external audit"),
    "Journal Entries": ("JEs", "adjusting entries"),
    "Variance Analysis": ("budget-vs-actual analysis",),
    # marketing
    "Search Engine Optimization": ("SEO", "on-page SEO"),
    "Search Engine Marketing": ("Google Ads", "AdWords", "PPC", "paid search"),
    "Social Media Marketing": ("social media campaigns", "SMM"),
    "Content Marketing": ("content programmes",),
    "Email Marketing": ("email campaigns", "e-mail marketing"),
    "Marketing Automation": ("automated nurture flows",),
    "Copywriting": ("copy writing",),
    "Campaign Management": ("marketing campaigns",),
    "Marketing Analytics": ("campaign analytics", "marketing metrics"),
    "Facebook Ads": ("Meta Ads",),
    "Brand Management": ("brand strategy",),
    # sales
    "B2B Sales": ("enterprise sales", "business-to-business sales"),
    "Lead Generation": ("prospecting", "lead gen"),
    "Cold Calling": ("cold calls", "outbound calling"),
    "CRM": ("customer relationship management",),
    "Pipeline Management": ("sales pipeline management", "pipeline hygiene"),
    "Negotiation": ("negotiating",),
    "Account Management": ("client servicing",),
    "Sales Forecasting": ("forecasting bookings",),
    "Solution Selling": ("consultative selling",),
    "Customer Acquisition": ("new logo acquisition",),
    "Upselling": ("up-selling", "upsell"),
    # design
    "UX Design": ("user experience design", "UX"),
    "UI Design": ("user interface design", "UI"),
    "User Research": ("usability testing", "user interviews"),
    "Wireframing": ("wireframes", "prototyping"),
    "Design Systems": ("design system", "component libraries"),
    "Interaction Design": ("IxD",),
    "Journey Mapping": ("customer journey mapping",),
    "Personas": ("user personas",),
    "Information Architecture": ("site maps",),
    "Typography": ("type design",),
    "Branding": ("brand identity", "visual identity"),
    "Print Design": ("brochure design", "print layouts"),
    "Graphic Design": ("graphic designing",),
    "Motion Graphics": ("motion design",),
    # IT support
    "Help Desk Support": ("service desk", "helpdesk", "Tier 1 support"),
    "Hardware Troubleshooting": ("PC repair", "hardware diagnostics"),
    "ITIL": ("ITIL v4",),
    "Incident Management": ("ticket triage",),
    "Customer Service": ("customer support", "customer care"),
    "Network Troubleshooting": ("network diagnostics",),
    "DNS": ("name resolution (DNS)",),
    "Device Imaging": ("OS imaging", "reimaging laptops"),
    # teaching
    "Teaching": ("classroom teaching",),
    "Lesson Planning": ("lesson plans",),
    "Classroom Management": ("behaviour management",),
    "Curriculum Development": ("curriculum design", "syllabus design"),
    "Student Assessment": ("assessment design", "formative assessment"),
    "Differentiated Instruction": ("differentiation", "differentiated learning"),
    "Special Education": ("SEN support", "IEPs"),
    "ESL Teaching": ("ESL", "TEFL"),
    "Early Childhood Education": ("early years education",),
    # HR
    "Recruitment": ("talent acquisition", "full-cycle recruiting", "recruiting"),
    "Employee Relations": ("ER casework",),
    "Employee Onboarding": ("new hire onboarding", "onboarding"),
    "Compensation and Benefits": ("benefits administration", "comp and ben"),
    "Performance Management": ("performance reviews", "appraisals"),
    "Employment Law": ("labor law", "labour law"),
    "Interviewing": ("structured interviews", "screening interviews"),
    "HR Policies": ("policy writing",),
    "Training and Development": ("L&D", "learning and development"),
    # logistics
    "Inventory Management": ("inventory control", "stock control"),
    "Supply Chain Management": ("supply chain",),
    "Logistics": ("logistics operations",),
    "Order Management": ("order fulfilment", "order processing"),
    "Forklift Operation": ("forklift", "reach truck"),
    "Shipping and Receiving": ("inbound and outbound", "receiving"),
    "Freight Management": ("freight forwarding",),
    "Procurement": ("purchasing",),
    "Lean Manufacturing": ("lean principles",),
    "Health and Safety": ("workplace safety", "OSHA compliance"),
    "Route Planning": ("route optimisation", "dispatch planning"),
    # hospitality
    "Front Desk Operations": ("front desk", "front office"),
    "Food and Beverage": ("F&B", "food & beverage"),
    "Cash Handling": ("cash handling and reconciliation",),
    "Food Safety": ("HACCP", "food hygiene"),
    "Reservations": ("booking management",),
    "Event Management": ("event planning", "banquets"),
    "Hospitality Management": ("hotel operations",),
    "Guest Relations": ("guest services",),
    # trades
    "Electrical Wiring": ("wiring", "conduit and wiring"),
    "Electrical Maintenance": ("electrical troubleshooting",),
    "Switchgear": ("LT panels", "circuit breakers"),
    "Electric Motors": ("motor control", "VFDs"),
    "PLC Programming": ("PLCs", "Allen-Bradley PLC"),
    "Blueprint Reading": ("reading blueprints", "schematics"),
    "NEC": ("National Electrical Code", "NEC 2023"),
    "Solar Energy": ("solar PV",),
    "Preventive Maintenance": ("PM schedules", "planned maintenance"),
    "HVAC": ("heating, ventilation and air conditioning", "HVAC/R"),
    "Refrigeration": ("refrigerant recovery", "refrigeration systems"),
    "Brazing": ("brazing and soldering",),
    # legal
    "Legal Research": ("case law research",),
    "Legal Writing": ("legal drafting", "briefs and memoranda"),
    "Litigation": ("civil litigation",),
    "Contract Drafting": ("drafting agreements",),
    "Contract Management": ("contract administration",),
    "E-Discovery": ("eDiscovery", "document review"),
    "Corporate Law": ("company law",),
    "Case Management": ("docket management",),
    "Regulatory Compliance": ("compliance",),
    "Intellectual Property": ("IP law", "trademark filings"),
    "Due Diligence": ("legal due diligence",),
}

SKILLS: dict[str, SkillSpec] = {**_catalogue("tool", _TOOLS), **_catalogue("practice", _PRACTICES)}

"""Work histories written every way people write them: date forms, role-line templates, section names.

Written by hand for the parser's tests, independently of the evaluation set's generator: each case is
an experience section (sometimes with a neighbour section whose dates must not count), the roles it
states (title, employer, first and last month, None while current) and so its total months.
Months follow the usual reading: a year-only start is its January and a year-only end its December;
a season runs Winter Jan-Feb, Spring Mar-May, Summer Jun-Aug, Fall Sep-Nov; a quarter its three months;
a current role runs to `TODAY`'s month included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TODAY = date(2025, 7, 15)


@dataclass(frozen=True)
class Role:
    """One stated role: title, employer, first month and last month (`YYYY-MM`, None while current)."""

    title: str
    employer: str
    start: str
    end: str | None


@dataclass(frozen=True)
class Case:
    """A resume's text and the roles it states."""

    name: str
    text: str
    roles: tuple[Role, ...]


def _months(role: Role) -> set[int]:
    year, month = (int(part) for part in role.start.split("-"))
    first = year * 12 + month - 1
    if role.end is None:
        last = TODAY.year * 12 + TODAY.month - 1
    else:
        end_year, end_month = (int(part) for part in role.end.split("-"))
        last = end_year * 12 + end_month - 1
    return set(range(first, last + 1))


def expected_total(case: Case) -> int:
    """Distinct months covered by the case's roles."""
    months: set[int] = set()
    for role in case.roles:
        months |= _months(role)
    return len(months)


def _resume(body: str) -> str:
    return f"Alex Rivera\nalex.rivera@example.com | +1 555 010 2030\n\n{body.strip()}\n"


def _case(name: str, body: str, *roles: tuple[str, str, str, str | None]) -> Case:
    return Case(name, _resume(body), tuple(Role(*role) for role in roles))


CASES: tuple[Case, ...] = (
    _case(
        "month names, title line above dates",
        """
EXPERIENCE
Software Engineer, Acme Corp
Jan 2019 – Mar 2022
• Built APIs in Python and Go
""",
        ("Software Engineer", "Acme Corp", "2019-01", "2022-03"),
    ),
    _case(
        "full month names with 'to', pipes",
        """
Professional Experience
Data Analyst | Globex Inc. | January 2019 to March 2022
- Built dashboards in Tableau
Junior Analyst | Initech | June 2017 to December 2018
- Wrote SQL reports for finance
""",
        ("Data Analyst", "Globex Inc.", "2019-01", "2022-03"),
        ("Junior Analyst", "Initech", "2017-06", "2018-12"),
    ),
    _case(
        "MM/YYYY on its own line under title and employer lines",
        """
Work History
Marketing Manager
Brightside Media
01/2019 – 03/2022
Managed paid social campaigns and a team of three.
""",
        ("Marketing Manager", "Brightside Media", "2019-01", "2022-03"),
    ),
    _case(
        "M/YY two-digit years",
        """
EXPERIENCE
Operations Coordinator, Northwind Traders    1/19 - 3/22
• Scheduled deliveries for 40 stores
""",
        ("Operations Coordinator", "Northwind Traders", "2019-01", "2022-03"),
    ),
    _case(
        "YYYY.MM with em dashes between parts",
        """
Employment History
Backend Developer — Umbrella Labs — 2019.01 – 2022.03
Designed REST services in Java.
""",
        ("Backend Developer", "Umbrella Labs", "2019-01", "2022-03"),
    ),
    _case(
        "MM.YYYY, employer line first",
        """
Career History
Umbrella Labs, Berlin
QA Engineer
01.2019 - 03.2022
Automated regression suites with Selenium.
""",
        ("QA Engineer", "Umbrella Labs", "2019-01", "2022-03"),
    ),
    _case(
        "YYYY-MM before the title",
        """
Relevant Experience
2019-01 – 2022-03  Site Reliability Engineer, Hooli
Ran Kubernetes clusters across three regions.
""",
        ("Site Reliability Engineer", "Hooli", "2019-01", "2022-03"),
    ),
    _case(
        "apostrophe years in parentheses after 'at'",
        """
Experience Highlights
Product Designer at Pied Piper (Jan '19 – Mar '22)
Designed the onboarding flow in Figma.
""",
        ("Product Designer", "Pied Piper", "2019-01", "2022-03"),
    ),
    _case(
        "abbreviations with dots, tab separated",
        """
Positions Held
Accountant\tStark Industries\tJan. 2019 – Mar. 2022
Prepared monthly management accounts.
""",
        ("Accountant", "Stark Industries", "2019-01", "2022-03"),
    ),
    _case(
        "Sept, dates first on their own line",
        """
Where I've worked
Sept 2019 – June 2021
Barista, Java Junction Café
Served 300 customers a day.
""",
        ("Barista", "Java Junction Café", "2019-09", "2021-06"),
    ),
    _case(
        "year range, capital heading 'CAREER'",
        """
CAREER
Teacher, Springfield High School, 2019 – 2022
Taught algebra to grades 9 and 10.
""",
        ("Teacher", "Springfield High School", "2019-01", "2022-12"),
    ),
    _case(
        "'2019 to 2022' in parentheses",
        """
Professional Background
Financial Analyst - Wayne Enterprises (2019 to 2022)
Built the three-year budget model in Excel.
""",
        ("Financial Analyst", "Wayne Enterprises", "2019-01", "2022-12"),
    ),
    _case(
        "'2019–present' and a summer internship",
        """
Work Experience & Internships
ML Engineer | DeepMind | 2019–present
Trained reinforcement learning agents.
Research Intern | OpenAI | Summer 2018
Evaluated language models.
""",
        ("ML Engineer", "DeepMind", "2019-01", None),
        ("Research Intern", "OpenAI", "2018-06", "2018-08"),
    ),
    _case(
        "'since March 2019'",
        """
Work Experience
Senior Nurse, St Mary's Hospital, since March 2019
Led a surgical ward of 28 beds.
""",
        ("Senior Nurse", "St Mary's Hospital", "2019-03", None),
    ),
    _case(
        "'from 2019 until 2022'",
        """
EMPLOYMENT
Warehouse Supervisor, Amazon, from 2019 until 2022
Supervised a night shift of 25 pickers.
""",
        ("Warehouse Supervisor", "Amazon", "2019-01", "2022-12"),
    ),
    _case(
        "'from May 2019 until June 2022'",
        """
Experience
Logistics Planner, DHL Supply Chain, from May 2019 until June 2022
Planned outbound routes.
""",
        ("Logistics Planner", "DHL Supply Chain", "2019-05", "2022-06"),
    ),
    _case(
        "LinkedIn: title, employer with job type, 'current'",
        """
Experience
Customer Success Manager
Zendesk · Full-time
March 2019 – current
Owned a book of 60 enterprise accounts.
""",
        ("Customer Success Manager", "Zendesk", "2019-03", None),
    ),
    _case(
        "'2019 – Now'",
        """
EXPERIENCE
Freelance Web Developer | Acme Studio | 2019 – Now
Built WordPress sites for small businesses.
""",
        ("Freelance Web Developer", "Acme Studio", "2019-01", None),
    ),
    _case(
        "'Today'",
        """
EXPERIENCE
HR Generalist, Contoso Ltd, Feb 2021 - Today
Ran recruitment for three sites.
""",
        ("HR Generalist", "Contoso Ltd", "2021-02", None),
    ),
    _case(
        "'ongoing'",
        """
EXPERIENCE
Research Assistant, University of Oxford, Oct 2022 – ongoing
Ran PCR assays.
""",
        ("Research Assistant", "University of Oxford", "2022-10", None),
    ),
    _case(
        "'till date'",
        """
EXPERIENCE
Software Developer, Infosys, Jan 2018 till date
Maintained a Java billing system.
""",
        ("Software Developer", "Infosys", "2018-01", None),
    ),
    _case(
        "'to date' first, then title and employer",
        """
EXPERIENCE
Jun 2020 to date  |  Sales Executive  |  Tata Motors
Closed fleet deals worth 2 crore.
""",
        ("Sales Executive", "Tata Motors", "2020-06", None),
    ),
    _case(
        "seasons",
        """
EXPERIENCE
Teaching Assistant, MIT, Spring 2019 – Fall 2022
Graded problem sets for 6.006.
""",
        ("Teaching Assistant", "MIT", "2019-03", "2022-11"),
    ),
    _case(
        "quarters",
        """
EXPERIENCE
Consultant, Deloitte, Q1 2019 – Q3 2022
Advised retail clients on pricing.
""",
        ("Consultant", "Deloitte", "2019-01", "2022-09"),
    ),
    _case(
        "LinkedIn duration in parentheses",
        """
Experience
Product Manager
Spotify
Jan 2019 - Feb 2022 (3 yrs 2 mos)
Stockholm, Sweden
Led the podcast discovery team.
""",
        ("Product Manager", "Spotify", "2019-01", "2022-02"),
    ),
    _case(
        "LinkedIn duration after a middle dot, two roles at one employer",
        """
Experience
Senior Software Engineer
Shopify · Full-time
Mar 2019 - Mar 2022 · 3 yrs 1 mo
Ottawa, Canada
Led the checkout team.
Software Engineer
Shopify · Full-time
Jun 2016 - Feb 2019 · 2 yrs 9 mos
Built the order API in Ruby.
""",
        ("Senior Software Engineer", "Shopify", "2019-03", "2022-03"),
        ("Software Engineer", "Shopify", "2016-06", "2019-02"),
    ),
    _case(
        "en dash without spaces",
        """
EXPERIENCE
Data Scientist, Kaggle Inc, Jan 2019–Mar 2022
Built churn models in Python.
""",
        ("Data Scientist", "Kaggle Inc", "2019-01", "2022-03"),
    ),
    _case(
        "em dashes everywhere",
        """
EXPERIENCE
Data Engineer — Netflix — January 2020 — June 2023
Built streaming pipelines with Spark.
""",
        ("Data Engineer", "Netflix", "2020-01", "2023-06"),
    ),
    _case(
        "employer with dates in parentheses, title below",
        """
EXPERIENCE
Oracle (Mar 2018 – Apr 2020)
Software Engineer
Wrote PL/SQL packages.
""",
        ("Software Engineer", "Oracle", "2018-03", "2020-04"),
    ),
    _case(
        "year range first on the line",
        """
EXPERIENCE
2016 - 2018  Junior Accountant, KPMG
Audited manufacturing clients.
""",
        ("Junior Accountant", "KPMG", "2016-01", "2018-12"),
    ),
    _case(
        "dates after tabs",
        """
EXPERIENCE
Lead Developer, Basecamp\t\t\tApr 2017 - Dec 2020
Led the Rails team.
""",
        ("Lead Developer", "Basecamp", "2017-04", "2020-12"),
    ),
    _case(
        "columns of spaces",
        """
EXPERIENCE
Nurse Practitioner    Mayo Clinic                          05/2015 - 08/2019
Ran a diabetes clinic.
""",
        ("Nurse Practitioner", "Mayo Clinic", "2015-05", "2019-08"),
    ),
    _case(
        "'Title at Company (2019-2022)'",
        """
EXPERIENCE
Cloud Architect at Rackspace (2019-2022)
Designed landing zones on AWS.
""",
        ("Cloud Architect", "Rackspace", "2019-01", "2022-12"),
    ),
    _case(
        "'Company — City — 2019-2022', title below",
        """
EXPERIENCE
Rackspace — San Antonio — 2019-2022
Cloud Engineer
Migrated workloads to AWS.
""",
        ("Cloud Engineer", "Rackspace", "2019-01", "2022-12"),
    ),
    _case(
        "'Company, City | Title | 2019 - 2022'",
        """
EXPERIENCE
Accenture, Dublin | Business Analyst | 2019 - 2022
Wrote requirements for a banking client.
""",
        ("Business Analyst", "Accenture", "2019-01", "2022-12"),
    ),
    _case(
        "two roles under one employer heading, dates at line end",
        """
EXPERIENCE
Google, Mountain View
Senior Software Engineer   Jan 2021 – Present
- Led the storage team
Software Engineer   Jun 2018 – Dec 2020
- Built ingestion services in Go
""",
        ("Senior Software Engineer", "Google", "2021-01", None),
        ("Software Engineer", "Google", "2018-06", "2020-12"),
    ),
    _case(
        "two roles under one employer heading, dates on their own lines",
        """
EXPERIENCE
Amazon Web Services
Solutions Architect
Mar 2020 – Present
Designed migrations for enterprise customers.
Cloud Support Engineer
Jan 2018 – Feb 2020
Resolved EC2 and VPC tickets.
""",
        ("Solutions Architect", "Amazon Web Services", "2020-03", None),
        ("Cloud Support Engineer", "Amazon Web Services", "2018-01", "2020-02"),
    ),
    _case(
        "role line in capitals",
        """
PROFESSIONAL EXPERIENCE
SENIOR ACCOUNTANT | DELOITTE LLP | 2015 – 2019
Led statutory audits.
""",
        ("SENIOR ACCOUNTANT", "DELOITTE LLP", "2015-01", "2019-12"),
    ),
    _case(
        "British spelling and full months",
        """
Employment History
Programme Manager, Barclays plc, September 2016 – August 2019
Organised a portfolio of digital programmes.
""",
        ("Programme Manager", "Barclays plc", "2016-09", "2019-08"),
    ),
    _case(
        "three roles, dates under each, overlapping",
        """
WORK EXPERIENCE
Head of Marketing — Canva — Sydney
Feb 2022 – Present
Marketing Lead — Atlassian — Sydney
Aug 2018 – Jan 2022
Marketing Coordinator — Xero — Wellington
2016 – 2018
""",
        ("Head of Marketing", "Canva", "2022-02", None),
        ("Marketing Lead", "Atlassian", "2018-08", "2022-01"),
        ("Marketing Coordinator", "Xero", "2016-01", "2018-12"),
    ),
    _case(
        "education years do not count",
        """
EXPERIENCE
Mechanical Engineer, Bosch, 03/2020 - 02/2023
Designed fuel injector housings.

EDUCATION
BEng Mechanical Engineering, University of Bath, 2015 - 2019
""",
        ("Mechanical Engineer", "Bosch", "2020-03", "2023-02"),
    ),
    _case(
        "summer internship then a current job",
        """
Experience
Software Engineering Intern, Microsoft, Summer 2020
Built a Teams bot.
Junior Developer, Contoso, Sep 2020 – Present
Maintains the billing API.
""",
        ("Software Engineering Intern", "Microsoft", "2020-06", "2020-08"),
        ("Junior Developer", "Contoso", "2020-09", None),
    ),
    _case(
        "dates in square brackets after the employer",
        """
EXPERIENCE
Siemens AG [2019 – present]
Project Manager
Ran a rail signalling upgrade.
""",
        ("Project Manager", "Siemens AG", "2019-01", None),
    ),
    _case(
        "'Sept.' and 'Jan.'",
        """
EXPERIENCE
Paralegal, Baker McKenzie, Sept. 2015 - Jan. 2018
Drafted share purchase agreements.
""",
        ("Paralegal", "Baker McKenzie", "2015-09", "2018-01"),
    ),
    _case(
        "years first, pipes",
        """
EXPERIENCE
2020 – 2023 | Graphic Designer | Pentagram
Designed identities for museums.
""",
        ("Graphic Designer", "Pentagram", "2020-01", "2023-12"),
    ),
    _case(
        "dates first on their own line, 'Title, Company' below",
        """
EXPERIENCE
Jan 2019 – Mar 2022
Support Engineer, Atlassian
Resolved Jira Server incidents.
""",
        ("Support Engineer", "Atlassian", "2019-01", "2022-03"),
    ),
    _case(
        "'Current' capitalised",
        """
EXPERIENCE
Store Manager, Tesco, 2018 – Current
Ran a store of 80 staff.
""",
        ("Store Manager", "Tesco", "2018-01", None),
    ),
    _case(
        "YYYY/MM",
        """
EXPERIENCE
Embedded Engineer, Sony, 2019/01 - 2022/03
Wrote firmware in C.
""",
        ("Embedded Engineer", "Sony", "2019-01", "2022-03"),
    ),
    _case(
        "duration written out in parentheses",
        """
EXPERIENCE
Civil Engineer, Arup, Jan 2019 - Mar 2022 (3 years 3 months)
Designed bridge foundations.
""",
        ("Civil Engineer", "Arup", "2019-01", "2022-03"),
    ),
    _case(
        "city and state before dates",
        """
EXPERIENCE
Registered Nurse, Kaiser Permanente, Oakland, CA    April 2014 - June 2019
Cared for post-surgical patients.
""",
        ("Registered Nurse", "Kaiser Permanente", "2014-04", "2019-06"),
    ),
    _case(
        "years in parentheses without spaces",
        """
EXPERIENCE
Chef, The Ritz London (2019–2022)
Ran the pastry section.
""",
        ("Chef", "The Ritz London", "2019-01", "2022-12"),
    ),
    _case(
        "Fall to Spring",
        """
EXPERIENCE
Resident Advisor, Stanford University, Fall 2018 – Spring 2020
Mentored 40 first-year students.
""",
        ("Resident Advisor", "Stanford University", "2018-09", "2020-05"),
    ),
    _case(
        "Winter to Summer",
        """
EXPERIENCE
Ski Instructor, Whistler Blackcomb, Winter 2021 - Summer 2021
Taught beginners.
""",
        ("Ski Instructor", "Whistler Blackcomb", "2021-01", "2021-08"),
    ),
    _case(
        "single-digit month slashes",
        """
EXPERIENCE
IT Support Technician, Dell, 3/2017 – 11/2019
Imaged and repaired laptops.
""",
        ("IT Support Technician", "Dell", "2017-03", "2019-11"),
    ),
    _case(
        "'Present' broken onto the next line",
        """
EXPERIENCE
Senior Analyst, Moody's
Apr 2016 –
Present
Rated municipal bonds.
""",
        ("Senior Analyst", "Moody's", "2016-04", None),
    ),
    _case(
        "'till now'",
        """
EXPERIENCE
Team Lead, Wipro Technologies, Aug 2019 till now
Led a team of eight testers.
""",
        ("Team Lead", "Wipro Technologies", "2019-08", None),
    ),
    _case(
        "'To Present' capitalised",
        """
EXPERIENCE
Electrician, City Electric, March 2012 To Present
Wired commercial buildings.
""",
        ("Electrician", "City Electric", "2012-03", None),
    ),
    _case(
        "M/YY to Present",
        """
EXPERIENCE
Bookkeeper | Smith & Co | 1/19 - Present
Ran payroll in Xero.
""",
        ("Bookkeeper", "Smith & Co", "2019-01", None),
    ),
    _case(
        "MM/YY both ends",
        """
EXPERIENCE
Bartender, The Alchemist, 12/18 – 06/21
Made cocktails for events of 200 guests.
""",
        ("Bartender", "The Alchemist", "2018-12", "2021-06"),
    ),
    _case(
        "years first with tabs, heading 'Employment'",
        """
Employment
2014 - 2016\tStaff Accountant\tErnst & Young
Reconciled client ledgers.
""",
        ("Staff Accountant", "Ernst & Young", "2014-01", "2016-12"),
    ),
    _case(
        "duration after a bar",
        """
EXPERIENCE
DevOps Engineer, GitLab, Jan 2019 – Mar 2022 | 3 years 3 months
Ran CI runners on Kubernetes.
""",
        ("DevOps Engineer", "GitLab", "2019-01", "2022-03"),
    ),
    _case(
        "bulleted role lines",
        """
EXPERIENCE
• Software Engineer, Stripe (2020 – 2022)
• Junior Developer, Monzo (2018 – 2019)
""",
        ("Software Engineer", "Stripe", "2020-01", "2022-12"),
        ("Junior Developer", "Monzo", "2018-01", "2019-12"),
    ),
    _case(
        "title alone, then employer and dates",
        """
EXPERIENCE
Graphic Designer
Pentagram, New York | May 2016 – Oct 2019
Designed posters and identities.
""",
        ("Graphic Designer", "Pentagram", "2016-05", "2019-10"),
    ),
    _case(
        "two-digit end year '2016-18'",
        """
EXPERIENCE
Lab Technician, Quest Diagnostics, 2016-18
Ran blood panels.
""",
        ("Lab Technician", "Quest Diagnostics", "2016-01", "2018-12"),
    ),
    _case(
        "dates first on the line, then title and employer",
        """
EXPERIENCE
Jan 2019 - Mar 2022    Data Engineer, Spotify
Built the royalties pipeline.
""",
        ("Data Engineer", "Spotify", "2019-01", "2022-03"),
    ),
    _case(
        "'Present' with a duration after it",
        """
EXPERIENCE
Physiotherapist, NHS Lothian, Mar 2019 – Present (6 years 5 months)
Ran a musculoskeletal clinic.
""",
        ("Physiotherapist", "NHS Lothian", "2019-03", None),
    ),
    _case(
        "a degree year and a Windows version in the experience text",
        """
EXPERIENCE
Systems Administrator, Contoso Ltd, 2017 – 2020
Migrated 300 servers to Windows Server 2016.

EDUCATION
BSc Computing, University of Leeds, 2013
""",
        ("Systems Administrator", "Contoso Ltd", "2017-01", "2020-12"),
    ),
    _case(
        "lower-case month names and 'through'",
        """
Work History
Cashier, Walmart, june 2015 through august 2017
Handled returns.
""",
        ("Cashier", "Walmart", "2015-06", "2017-08"),
    ),
    _case(
        "'Mar 2019 - Mar 2022' with a gap before the next job",
        """
Professional Experience
Recruiter — Hays — Mar 2019 - Mar 2022
Placed 60 engineers.
Recruitment Coordinator — Randstad — Jan 2015 - Dec 2016
Scheduled interviews.
""",
        ("Recruiter", "Hays", "2019-03", "2022-03"),
        ("Recruitment Coordinator", "Randstad", "2015-01", "2016-12"),
    ),
    _case(
        "heading 'Experience:' with a colon, dates in parentheses before the employer",
        """
Experience:
Pharmacist (Jun 2017 – Aug 2021), Boots UK
Dispensed and advised on medicines.
""",
        ("Pharmacist", "Boots UK", "2017-06", "2021-08"),
    ),
    _case(
        "title and employer line, then place and dates line",
        """
EXPERIENCE
Data Engineer | Monzo
London, UK | Jan 2019 - Present
Built the ledger pipeline.
""",
        ("Data Engineer", "Monzo", "2019-01", None),
    ),
    _case(
        "LinkedIn em dash with years and months",
        """
Experience
Staff Engineer
Cloudflare · Full-time
Jan 2019 — Present · 6 yrs 7 mos
Austin, Texas, United States
""",
        ("Staff Engineer", "Cloudflare", "2019-01", None),
    ),
    _case(
        "employer in brackets with remote, dashes, 'to Present'",
        """
Employment Record
Acme Corp (Remote) — Senior Engineer — 2019 to Present
Led the payments team.
""",
        ("Senior Engineer", "Acme Corp", "2019-01", None),
    ),
    _case(
        "years then colon then 'Title at Company'",
        """
Work Experience
2019 - 2022: Teacher at Springfield High School
2016 - 2018: Teaching Assistant at Shelbyville Elementary
""",
        ("Teacher", "Springfield High School", "2019-01", "2022-12"),
        ("Teaching Assistant", "Shelbyville Elementary", "2016-01", "2018-12"),
    ),
    _case(
        "'From June 2015 to May 2018,' opening the line",
        """
EXPERIENCE
From June 2015 to May 2018, Analyst at Barclays
Built credit risk models.
""",
        ("Analyst", "Barclays", "2015-06", "2018-05"),
    ),
    _case(
        "employer heading, roles with years in parentheses",
        """
EXPERIENCE
Deloitte
Senior Consultant (2020 – 2022)
Led SAP rollouts.
Consultant (2017 – 2019)
Mapped finance processes.
""",
        ("Senior Consultant", "Deloitte", "2020-01", "2022-12"),
        ("Consultant", "Deloitte", "2017-01", "2019-12"),
    ),
    _case(
        "MM-YYYY with 'to'",
        """
EXPERIENCE
Network Engineer, Cisco, 01-2019 to 03-2022
Configured BGP.
""",
        ("Network Engineer", "Cisco", "2019-01", "2022-03"),
    ),
    _case(
        "Mon-YYYY with 'to'",
        """
EXPERIENCE
Payroll Officer, ADP, Jan-2019 to Mar-2022
Ran payroll for 900 staff.
""",
        ("Payroll Officer", "ADP", "2019-01", "2022-03"),
    ),
    _case(
        "full month with apostrophe years",
        """
EXPERIENCE
Sous Chef, Nobu, March '19 – June '21
Ran the cold kitchen.
""",
        ("Sous Chef", "Nobu", "2019-03", "2021-06"),
    ),
    _case(
        "icon before the heading, YYYY/MM to present",
        """
💼 Experience
Android Developer, Grab, 2019/01 – present
Built the driver app.
""",
        ("Android Developer", "Grab", "2019-01", None),
    ),
    _case(
        "dates and place under the title, employer first",
        """
Professional Journey
Northwind Health
Clinical Nurse Specialist
Jan 2019 – Mar 2022 | Leeds, UK
Ran the wound care service.
""",
        ("Clinical Nurse Specialist", "Northwind Health", "2019-01", "2022-03"),
    ),
    _case(
        "'Till Date' and 'Sep’19'",
        """
EXPERIENCE
Sales Manager, Reliance Retail, Sep’19 – Till Date
Ran 12 stores.
""",
        ("Sales Manager", "Reliance Retail", "2019-09", None),
    ),
    _case(
        "Nov. to Present with years written out",
        """
EXPERIENCE
Dental Hygienist, Bupa Dental Care, Nov. 2016 – Present (8 years)
Cleaned and advised.
""",
        ("Dental Hygienist", "Bupa Dental Care", "2016-11", None),
    ),
)

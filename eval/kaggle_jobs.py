"""One plain posting per category of the Kaggle resume set, and which categories a recruiter finds adjacent.

The postings are written as a company would write them for the category's usual role, from general
knowledge of those roles, not from the resumes. Adjacent categories get grade 1 in the sanity check:
a recruiter would glance at a tester for an automation-testing role, not at an advocate.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryPosting:
    """A posting written for one category of the set."""

    category: str
    title: str
    description: str


POSTINGS: tuple[CategoryPosting, ...] = (
    CategoryPosting(
        "Java Developer",
        "Java Developer",
        "We are hiring a Java developer to build and maintain backend services for our order platform.\n"
        "Responsibilities: design REST APIs, write clean, tested code, take part in code reviews.\n"
        "Requirements: 3+ years of Java (8 or later), Spring Boot, Hibernate/JPA, SQL databases such as "
        "MySQL or Oracle, Maven, Git. Understanding of object-oriented design and multithreading.\n"
        "Nice to have: microservices, Kafka, JUnit and Mockito, Jenkins.",
    ),
    CategoryPosting(
        "Testing",
        "Software Test Engineer (Manual QA)",
        "Join our QA team to test web and mobile releases before they reach customers.\n"
        "Responsibilities: write test plans and test cases from requirements, execute functional, regression "
        "and system testing, log and track defects in JIRA, report test status.\n"
        "Requirements: 2+ years of manual testing, knowledge of the SDLC and STLC, defect life cycle, "
        "SQL for data checks, attention to detail.\n"
        "Nice to have: ISTQB certification, exposure to Selenium, agile teams.",
    ),
    CategoryPosting(
        "DevOps Engineer",
        "DevOps Engineer",
        "We need a DevOps engineer to automate our build, release and cloud infrastructure.\n"
        "Responsibilities: maintain CI/CD pipelines, manage AWS environments, containerise services, "
        "monitor production and respond to incidents.\n"
        "Requirements: Linux administration, Jenkins, Git, Docker, Kubernetes, AWS (EC2, S3, IAM), "
        "scripting in Bash or Python, Ansible or Terraform.\n"
        "Nice to have: Prometheus, Grafana, Nagios, Maven.",
    ),
    CategoryPosting(
        "Python Developer",
        "Python Developer",
        "We are looking for a Python developer to build web applications and data services.\n"
        "Responsibilities: develop features in Django or Flask, write REST APIs, integrate with databases, "
        "write unit tests and fix bugs.\n"
        "Requirements: 2+ years of Python, Django or Flask, SQL (PostgreSQL or MySQL), HTML, JavaScript, "
        "Git, Linux.\n"
        "Nice to have: pandas, NumPy, AWS, Docker.",
    ),
    CategoryPosting(
        "Web Designing",
        "Web Designer",
        "Our digital studio is hiring a web designer to create responsive websites for clients.\n"
        "Responsibilities: design page layouts and mock-ups, turn them into HTML and CSS, keep sites "
        "consistent with brand guidelines, work with developers on handover.\n"
        "Requirements: HTML5, CSS3, JavaScript, jQuery, Bootstrap, responsive design, Adobe Photoshop, "
        "an eye for typography and colour.\n"
        "Nice to have: WordPress, Illustrator, basic PHP.",
    ),
    CategoryPosting(
        "HR",
        "HR Executive",
        "We are hiring an HR executive to support the people team of a growing company.\n"
        "Responsibilities: end-to-end recruitment (sourcing, screening, interview coordination), onboarding "
        "and induction, employee records, attendance and payroll inputs, employee engagement activities.\n"
        "Requirements: degree or MBA in Human Resources, 2+ years in HR operations or recruitment, "
        "knowledge of labour law basics, MS Excel, good communication.\n"
        "Nice to have: HRMS tools, performance appraisal processes.",
    ),
    CategoryPosting(
        "Hadoop",
        "Hadoop Developer",
        "We are looking for a big-data engineer to build pipelines on our Hadoop platform.\n"
        "Responsibilities: ingest data into HDFS, write Hive and Spark jobs, tune batch workloads, "
        "support analysts with curated datasets.\n"
        "Requirements: Hadoop ecosystem (HDFS, MapReduce, Hive, Pig, Sqoop), Spark with Scala or Python, "
        "SQL, Linux, shell scripting.\n"
        "Nice to have: HBase, Kafka, Oozie, Cloudera or Hortonworks distributions.",
    ),
    CategoryPosting(
        "Data Science",
        "Data Scientist",
        "Our analytics team is hiring a data scientist to build predictive models for customer behaviour.\n"
        "Responsibilities: explore and clean data, build and validate machine learning models, present "
        "findings to business teams, deploy models with engineers.\n"
        "Requirements: Python (pandas, NumPy, scikit-learn), statistics, machine learning (regression, "
        "classification, clustering), SQL, data visualisation.\n"
        "Nice to have: deep learning with TensorFlow or Keras, NLP, Tableau.",
    ),
    CategoryPosting(
        "Mechanical Engineer",
        "Mechanical Design Engineer",
        "A manufacturing company is hiring a mechanical engineer for product design and production support.\n"
        "Responsibilities: design components and assemblies, prepare 2D drawings and 3D models, support "
        "production and quality teams, carry out root-cause analysis.\n"
        "Requirements: BE/B.Tech in Mechanical Engineering, AutoCAD, SolidWorks or CATIA, GD&T, knowledge "
        "of manufacturing processes and materials.\n"
        "Nice to have: ANSYS, lean manufacturing, maintenance planning.",
    ),
    CategoryPosting(
        "Sales",
        "Sales Executive",
        "We are hiring a sales executive to grow business in our region.\n"
        "Responsibilities: generate leads, meet customers and dealers, negotiate and close deals, achieve "
        "monthly sales targets, maintain customer relationships and report to the sales manager.\n"
        "Requirements: 2+ years in field or B2B sales, strong communication and negotiation, MS Office, "
        "willingness to travel.\n"
        "Nice to have: CRM experience, an MBA in Marketing.",
    ),
    CategoryPosting(
        "Operations Manager",
        "Operations Manager",
        "We need an operations manager to run daily operations of our service centre.\n"
        "Responsibilities: plan resources and schedules, track KPIs and budgets, improve processes, manage "
        "vendors, lead a team of supervisors, report to senior management.\n"
        "Requirements: 7+ years in operations with team management, process improvement, MIS reporting, "
        "MS Excel, strong leadership.\n"
        "Nice to have: Six Sigma, supply chain or logistics experience.",
    ),
    CategoryPosting(
        "ETL Developer",
        "ETL Developer",
        "We are hiring an ETL developer to build data-warehouse loads for reporting.\n"
        "Responsibilities: design and develop ETL mappings and workflows, load data from source systems "
        "into the warehouse, tune performance, fix data-quality issues.\n"
        "Requirements: Informatica PowerCenter or SSIS, SQL and PL/SQL, Oracle or SQL Server, data-warehouse "
        "concepts (star schema, slowly changing dimensions), Unix shell scripting.\n"
        "Nice to have: Talend, Teradata, scheduling tools.",
    ),
    CategoryPosting(
        "Blockchain",
        "Blockchain Developer",
        "We are looking for a blockchain developer to build decentralised applications.\n"
        "Responsibilities: write and test smart contracts, build dApp front ends and back ends, integrate "
        "wallets, review security of contracts.\n"
        "Requirements: Solidity, Ethereum, Web3.js, JavaScript and Node.js, understanding of cryptography "
        "and consensus algorithms.\n"
        "Nice to have: Hyperledger Fabric, Truffle, Go.",
    ),
    CategoryPosting(
        "Arts",
        "Art Teacher and Visual Artist",
        "A school and arts centre is hiring an artist to teach and lead creative programmes.\n"
        "Responsibilities: teach drawing, painting and craft to children and adults, plan workshops, "
        "organise exhibitions and cultural events, maintain the studio.\n"
        "Requirements: degree in Fine Arts or a related field, a portfolio of work, experience teaching or "
        "leading workshops, good communication.\n"
        "Nice to have: music, dance or theatre skills, digital art tools.",
    ),
    CategoryPosting(
        "Database",
        "Database Administrator",
        "We need a database administrator to keep our production databases healthy.\n"
        "Responsibilities: install and configure databases, manage backups and recovery, tune queries and "
        "indexes, handle user access and security, monitor performance.\n"
        "Requirements: Oracle or SQL Server administration, SQL and PL/SQL, backup and recovery (RMAN), "
        "high availability, Linux or Windows Server.\n"
        "Nice to have: MySQL, PostgreSQL, cloud databases.",
    ),
    CategoryPosting(
        "Health and fitness",
        "Fitness Trainer",
        "A fitness centre is hiring a personal trainer.\n"
        "Responsibilities: assess members' fitness, design workout and diet plans, run personal and group "
        "sessions, track progress, keep the gym floor safe.\n"
        "Requirements: a fitness or personal-training certification, knowledge of exercise science and "
        "nutrition, first aid, good motivational skills.\n"
        "Nice to have: yoga, strength and conditioning, a degree in physical education.",
    ),
    CategoryPosting(
        "Electrical Engineering",
        "Electrical Engineer",
        "We are hiring an electrical engineer for installation and maintenance of plant electrical systems.\n"
        "Responsibilities: maintain transformers, switchgear, motors and panels, carry out preventive "
        "maintenance, troubleshoot faults, follow electrical safety rules.\n"
        "Requirements: diploma or degree in Electrical Engineering, knowledge of PLC and control panels, "
        "wiring diagrams, power distribution.\n"
        "Nice to have: AutoCAD Electrical, SCADA.",
    ),
    CategoryPosting(
        "PMO",
        "PMO Analyst",
        "Our project management office is hiring a PMO analyst to support a portfolio of IT projects.\n"
        "Responsibilities: track project plans, budgets and resources, prepare status reports and dashboards, "
        "maintain risk and issue logs, support governance meetings.\n"
        "Requirements: project management methods (PMP, PRINCE2 or agile), MS Project, advanced Excel, "
        "stakeholder communication.\n"
        "Nice to have: JIRA, SharePoint, a PMP certification.",
    ),
    CategoryPosting(
        "Business Analyst",
        "Business Analyst",
        "We are looking for a business analyst to turn business needs into clear requirements.\n"
        "Responsibilities: run workshops with stakeholders, write BRDs, functional specifications and user "
        "stories, model processes, support UAT, analyse data.\n"
        "Requirements: 3+ years as a business analyst, requirements gathering, process modelling, SQL, "
        "Excel, agile or waterfall delivery.\n"
        "Nice to have: Tableau or Power BI, domain knowledge in banking or insurance.",
    ),
    CategoryPosting(
        "DotNet Developer",
        ".NET Developer",
        "We are hiring a .NET developer to build web applications for our clients.\n"
        "Responsibilities: develop features in C# and ASP.NET MVC, write Web APIs, work with SQL Server, "
        "fix defects and write unit tests.\n"
        "Requirements: C#, ASP.NET, .NET Framework or .NET Core, SQL Server, Entity Framework, JavaScript, "
        "jQuery.\n"
        "Nice to have: Angular, Azure, WCF.",
    ),
    CategoryPosting(
        "Automation Testing",
        "Test Automation Engineer",
        "We need a test automation engineer to automate our regression suites.\n"
        "Responsibilities: design automation frameworks, write and maintain automated tests for web and API, "
        "run them in CI, report defects.\n"
        "Requirements: Selenium WebDriver with Java or Python, TestNG or JUnit, framework design (data-driven, "
        "keyword-driven, page object model), Maven, Jenkins, Git.\n"
        "Nice to have: Cucumber (BDD), API testing with Postman or REST Assured, Appium.",
    ),
    CategoryPosting(
        "Network Security Engineer",
        "Network Security Engineer",
        "We are hiring a network security engineer to protect our corporate network.\n"
        "Responsibilities: configure and manage firewalls, VPNs and switches, monitor security events, "
        "respond to incidents, carry out vulnerability assessments.\n"
        "Requirements: routing and switching (TCP/IP, VLANs), firewalls (Cisco ASA, Palo Alto or Fortinet), "
        "IDS/IPS, network monitoring, CCNA or CCNP.\n"
        "Nice to have: CEH, SIEM tools, cloud security.",
    ),
    CategoryPosting(
        "Civil Engineer",
        "Site Civil Engineer",
        "A construction company is hiring a civil engineer for building projects.\n"
        "Responsibilities: supervise site work, check quality of concrete and reinforcement, prepare "
        "quantity estimates and bills, read structural drawings, coordinate with contractors.\n"
        "Requirements: BE/B.Tech or diploma in Civil Engineering, AutoCAD, estimation and billing, site "
        "execution experience, knowledge of safety practices.\n"
        "Nice to have: STAAD Pro, surveying, project scheduling.",
    ),
    CategoryPosting(
        "SAP Developer",
        "SAP ABAP Developer",
        "We are looking for an SAP ABAP developer to build and support SAP solutions.\n"
        "Responsibilities: develop reports, interfaces, enhancements and forms, work with functional "
        "consultants on specifications, support upgrades and fix production issues.\n"
        "Requirements: SAP ABAP, ALV reports, BAPIs, BADIs, user exits, SmartForms, data dictionary, "
        "knowledge of SD, MM or FI modules.\n"
        "Nice to have: SAP HANA, Fiori, OData.",
    ),
    CategoryPosting(
        "Advocate",
        "Advocate / Legal Associate",
        "A law firm is hiring an advocate to handle litigation and advisory work.\n"
        "Responsibilities: draft petitions, plaints, agreements and legal notices, appear before courts and "
        "tribunals, do legal research, advise clients.\n"
        "Requirements: LLB, enrolment with the Bar Council, experience in civil, criminal or corporate law, "
        "strong drafting and research skills.\n"
        "Nice to have: an LLM degree, arbitration experience.",
    ),
)

# Pairs of categories whose people a recruiter would consider for each other's roles (symmetric).
ADJACENT: tuple[tuple[str, str], ...] = (
    ("Java Developer", "DotNet Developer"),
    ("Java Developer", "Python Developer"),
    ("Python Developer", "DotNet Developer"),
    ("Python Developer", "Data Science"),
    ("Testing", "Automation Testing"),
    ("DevOps Engineer", "Network Security Engineer"),
    ("Web Designing", "Arts"),
    ("HR", "Operations Manager"),
    ("Hadoop", "ETL Developer"),
    ("Hadoop", "Database"),
    ("Hadoop", "Data Science"),
    ("ETL Developer", "Database"),
    ("Data Science", "Business Analyst"),
    ("Mechanical Engineer", "Electrical Engineering"),
    ("Mechanical Engineer", "Civil Engineer"),
    ("Sales", "Operations Manager"),
    ("Operations Manager", "PMO"),
    ("PMO", "Business Analyst"),
    ("Blockchain", "Java Developer"),
    ("Blockchain", "Python Developer"),
    ("SAP Developer", "Business Analyst"),
)


def grade(job_category: str, resume_category: str) -> int:
    """2 for the posting's own category, 1 for an adjacent one, 0 otherwise."""
    if job_category == resume_category:
        return 2
    pair = (job_category, resume_category)
    return 1 if pair in ADJACENT or pair[::-1] in ADJACENT else 0

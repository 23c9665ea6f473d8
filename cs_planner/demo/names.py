"""Fictional name pools for the demo portfolio: people, companies, places and our catalogue.

Every company and person here is invented. Company names are built from made-up roots and
an industry noun, and e-mail addresses use the reserved ``.example`` domain, so nothing in a
demo portfolio can be mistaken for (or mailed to) a real organisation."""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Amara", "Anders", "Aiko", "Benedikt", "Bianca", "Callum", "Camila", "Dario", "Deepa",
    "Elif", "Emeka", "Esme", "Farah", "Felix", "Gideon", "Greta", "Hamid", "Hana", "Ines",
    "Ivo", "Jasper", "Jun", "Kaveh", "Keira", "Lars", "Leona", "Lucia", "Mateo", "Maren",
    "Mirela", "Nadia", "Niamh", "Nikhil", "Noor", "Odile", "Oren", "Paloma", "Priya",
    "Quentin", "Rafael", "Ravi", "Rosalind", "Saoirse", "Selin", "Soren", "Tamsin", "Tariq",
    "Thandiwe", "Tobias", "Ulla", "Valentina", "Vikram", "Wen", "Wilhelmina", "Xavier",
    "Yara", "Yusuf", "Zofia", "Zane", "Adaeze", "Bruno", "Cormac", "Daria", "Emil", "Fiona",
    "Gaspard", "Hilde", "Imran", "Joelle", "Kenji", "Linnea", "Malik", "Nerys", "Olusegun",
    "Pilar", "Rhiannon", "Sanjay", "Teodora", "Uma", "Viggo", "Wren", "Ximena", "Yolanda",
    "Zubair", "Agnieszka", "Bastien", "Cecily", "Dmitri", "Eunji", "Folake", "Ottilie",
    "Ruairi", "Sunniva", "Tomasz", "Aurelio", "Beatrix", "Cyrus", "Delphine", "Ezra",
    "Ingrid", "Leandro", "Mei", "Nnamdi", "Orla",
)
# fmt: on

# fmt: off
LAST_NAMES: tuple[str, ...] = (
    "Abernathy", "Achterberg", "Adeyemi", "Alcott", "Arkwright", "Bannerman", "Bellweather",
    "Brannigan", "Castellanos", "Chaudhry", "Colquhoun", "Dabrowski", "Delacourt", "Demir",
    "Ekwueme", "Fairbairn", "Falconer", "Figueroa", "Galloway", "Grunewald", "Haverford",
    "Hollis", "Ibarra", "Iverson", "Jablonski", "Kalinowski", "Kavanagh", "Kettleborough",
    "Lindqvist", "Llewellyn", "Mabry", "Marchetti", "Mbatha", "Nakagawa", "Norgaard",
    "Oduya", "Okonkwo", "Ostrowski", "Pemberton", "Petrakis", "Quarshie", "Radcliffe",
    "Rautio", "Saarinen", "Sandoval", "Szabo", "Takahara", "Thorsen", "Tremblay", "Udeh",
    "Vasquez", "Villeneuve", "Wakefield", "Whitlock", "Zielinski", "Ashdown", "Beaumont",
    "Carvalho", "Dunmore", "Fenwick", "Greaves", "Hartigan", "Ingleby", "Jovanovic",
    "Kowalczyk", "Lachance", "Moreau", "Nwosu", "Oyelaran", "Prendergast", "Quintero",
    "Rasmussen", "Sorensen", "Tavares", "Underhill", "Voss", "Winterbourne", "Yilmaz",
    "Zamora", "Abiodun", "Brightman", "Corrigan", "Dufresne", "Esposito", "Faulkner",
    "Gallardo", "Halvorsen", "Ishikawa", "Kariuki", "Lomax", "Montague", "Nakashima",
    "Ollerenshaw", "Pereira", "Ravensworth", "Strand", "Talbot", "Vermeulen", "Wojcik",
)
# fmt: on

# Made-up roots for company names; combined with an industry noun below.
# fmt: off
COMPANY_ROOTS: tuple[str, ...] = (
    "Harbor Lane", "Bluefjord", "Copperleaf", "Ashgrove", "Silverpine", "Larkspur",
    "Ironvale", "Brightwell", "Cobalt Ridge", "Fernhill", "Granite Bay", "Juniper Point",
    "Lakemont", "Marlowe", "Oakhaven", "Pinecrest", "Quillon", "Riverbend", "Saltmarsh",
    "Umberfield", "Valemont", "Westbrook", "Yarrowby", "Zephyr Ridge", "Amberline",
    "Beacon Hill", "Cedarline", "Driftwood", "Eastvale", "Foxglove", "Glenmere", "Highmoor",
    "Kestrelmoor", "Lanternfield", "Mistral Bay", "Northmere", "Orchard Vale", "Pellow",
    "Ravenscar", "Starling", "Thornbury", "Upton Reach", "Verdant Isle", "Wyndham Cross",
    "Alderwick", "Brackenridge", "Calder", "Dovecote", "Elmstead", "Farrow", "Goldcrest",
    "Hazelmere", "Inverlea", "Kingsreach", "Lindenfield", "Moorgate", "Nettlebed", "Osprey",
    "Petrel", "Redstart", "Sablewood", "Tarnbrook", "Vantage Rock", "Whinfell", "Arden Vale",
    "Blackthorn", "Coldharbour", "Dunmere", "Emberly", "Fallowmere", "Greywater", "Holloway",
    "Ivybridge", "Kittiwake", "Longshore", "Millbrook", "Northwold", "Oriel", "Pennant",
)
# fmt: on


@dataclass(frozen=True)
class Industry:
    """An industry's vocabulary: how its companies are named and where they sit."""

    name: str
    name_patterns: tuple[str, ...]  # "{root}" is replaced by a company root
    qualifiers: tuple[str, ...]  # appended when a base name is already taken
    executive_titles: tuple[str, ...]


_CORPORATE = ("Group", "Holdings", "International", "Partners", "Global", "Americas", "Europe")

# fmt: off
INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "Healthcare",
        ("{root} Health", "{root} Medical Group", "{root} Care Partners", "{root} Health System"),
        ("Network", "Alliance", "North", "South", "East", "West"),
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Medical Officer",
         "Chief Information Officer", "Chief Nursing Officer"),
    ),
    Industry(
        "Logistics",
        ("{root} Logistics", "{root} Freight", "{root} Shipping", "{root} Distribution"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Information Officer", "Chief Commercial Officer"),
    ),
    Industry(
        "Financial services",
        ("{root} Bank", "{root} Financial", "{root} Capital", "{root} Mutual", "{root} Insurance"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Risk Officer", "Chief Digital Officer"),
    ),
    Industry(
        "Manufacturing",
        ("{root} Manufacturing", "{root} Industries", "{root} Components", "{root} Machinery"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Technology Officer", "Chief Supply Chain Officer"),
    ),
    Industry(
        "Retail",
        ("{root} Retail", "{root} Outfitters", "{root} Markets", "{root} Home Goods"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Digital Officer", "Chief Merchandising Officer"),
    ),
    Industry(
        "Public sector",
        ("{root} County", "City of {root}", "{root} Transit Authority",
         "{root} Regional Water District"),
        ("North", "South", "East", "West", "Metro", "Region"),
        ("County Administrator", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Information Officer", "Deputy Administrator"),
    ),
    Industry(
        "Software",
        ("{root} Software", "{root} Labs", "{root} Technologies", "{root} Systems"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Revenue Officer",
         "Chief Technology Officer", "Chief Financial Officer"),
    ),
    Industry(
        "Life sciences",
        ("{root} Biotech", "{root} Therapeutics", "{root} Pharma", "{root} Life Sciences"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Scientific Officer", "Chief Operating Officer",
         "Chief Quality Officer", "Chief Financial Officer"),
    ),
    Industry(
        "Energy & utilities",
        ("{root} Energy", "{root} Power & Light", "{root} Utilities", "{root} Renewables"),
        _CORPORATE,
        ("Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
         "Chief Information Officer", "Chief Customer Officer"),
    ),
)
# fmt: on
INDUSTRY_BY_NAME = {industry.name: industry for industry in INDUSTRIES}

# Regions and their countries, for geographies and headquarters.
# fmt: off
REGIONS: dict[str, tuple[str, ...]] = {
    "North America": ("United States", "Canada", "Mexico"),
    "EMEA": ("United Kingdom", "Germany", "France", "Netherlands", "Spain", "Sweden",
             "Ireland", "Poland", "United Arab Emirates", "South Africa"),
    "APAC": ("Australia", "Japan", "Singapore", "India", "New Zealand"),
    "LATAM": ("Brazil", "Chile", "Colombia"),
}
# fmt: on
REGION_OF = {country: region for region, countries in REGIONS.items() for country in countries}
# Where headquarters are, weighted toward the vendor's home markets.
# fmt: off
HQ_COUNTRIES: tuple[str, ...] = (
    "United States", "United States", "United States", "Canada", "United Kingdom",
    "Germany", "Netherlands", "France", "Australia", "Sweden", "Singapore", "Ireland",
)
# fmt: on

SIZE_BANDS = ("SMB", "Mid-market", "Enterprise")
GROWTH_RATES = ("High", "Moderate", "Low")

# Our side: the vendor's people sit at a domain that can never receive mail.
VENDOR_DOMAIN = "quillstream.example"


@dataclass(frozen=True)
class ProductSpec:
    name: str
    family: str
    description: str


PRODUCTS: tuple[ProductSpec, ...] = (
    ProductSpec(
        "Workflow Core",
        "Platform",
        "The process engine: forms, routing, approvals and SLAs for any business workflow.",
    ),
    ProductSpec(
        "E-Signature",
        "Platform",
        "Legally binding electronic signatures with a full audit trail.",
    ),
    ProductSpec(
        "Analytics Studio",
        "Insights",
        "Dashboards, process mining and bottleneck alerts on top of workflow data.",
    ),
    ProductSpec(
        "Connectors Pack",
        "Integration",
        "Prebuilt connectors to ERP, CRM, HRIS and document stores, plus an API gateway.",
    ),
    ProductSpec(
        "Mobile Field App",
        "Mobile",
        "Offline-capable mobile forms, checklists and approvals for field staff.",
    ),
    ProductSpec(
        "Compliance Vault",
        "Governance",
        "Tamper-evident records retention, legal hold and audit evidence packs.",
    ),
    ProductSpec(
        "Document AI",
        "Intelligence",
        "Capture and classify documents (invoices, claims, forms) into structured data.",
    ),
)

# The maturity (effectiveness) model: five levels and the behaviours that mark each one.
# What marks each level: the products (and the use of them) a customer at it has adopted.
MATURITY_MARKS: tuple[str, ...] = (
    "Workflow Core: first digital forms\nE-Signature",
    "Workflow Core: shared templates, routing and SLAs",
    "Connectors Pack: ERP or CRM connector live\nMobile Field App",
    "Analytics Studio: weekly dashboards, bottleneck alerts acted on\nCompliance Vault",
    "Document AI in the core processes\nConnectors Pack: API gateway open to partners",
)
MATURITY_LEVELS: tuple[tuple[str, str], ...] = (
    (
        "Digitised",
        "A single team replaces paper or e-mail with digital forms and signatures; usage "
        "depends on a few enthusiasts.",
    ),
    (
        "Standardised",
        "Core processes run on shared templates with routing and SLAs; managers see status "
        "without asking.",
    ),
    (
        "Integrated",
        "Workflows read and write the systems of record through connectors; no re-keying "
        "between systems.",
    ),
    (
        "Insight-driven",
        "Teams review dashboards weekly and act on bottleneck alerts; process changes are "
        "measured before and after.",
    ),
    (
        "Transformative",
        "Customers and partners take part in the workflows; the platform underpins new "
        "products or business models.",
    ),
)


@dataclass(frozen=True)
class MetricSpec:
    name: str
    unit: str
    lower_is_better: bool
    customer_provided: bool
    description: str
    baseline_range: tuple[float, float]  # plausible day-one values
    integer: bool = False


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        "Weekly active users",
        "users",
        False,
        False,
        "Distinct users who completed at least one task in the week (from product telemetry).",
        (40, 400),
        integer=True,
    ),
    MetricSpec(
        "Workflows completed per month",
        "workflows",
        False,
        False,
        "Workflow instances that reached their final step in the calendar month.",
        (500, 8000),
        integer=True,
    ),
    MetricSpec(
        "Features in use",
        "%",
        False,
        False,
        "Share of the licensed features used at least once in the last 30 days.",
        (12, 35),
    ),
    MetricSpec(
        "Average approval cycle time",
        "days",
        True,
        True,
        "Days from request to final approval, as measured by the customer's operations team.",
        (6, 18),
    ),
    MetricSpec(
        "Cost per processed case",
        "USD",
        True,
        True,
        "The customer's fully loaded cost to process one case (shared under NDA each quarter).",
        (18, 65),
    ),
    MetricSpec(
        "Straight-through processing rate",
        "%",
        False,
        True,
        "Share of cases completed without manual touch, reported by the customer.",
        (5, 25),
    ),
)

"""Place names, to tell "San Francisco, CA, USA" apart from the employer or school beside it.

Not a gazetteer: the countries, the US and Indian states and the cities resumes most often name,
enough to recognise the place part of "Role, Company, City, Country".
"""

from __future__ import annotations

import re

_COUNTRIES = """
usa; us; u.s.; u.s.a.; united states; united states of america; america; uk; u.k.; united kingdom; england;
scotland; wales; ireland; canada; mexico; brazil; argentina; chile; colombia; peru; germany; france; spain;
portugal; italy; netherlands; the netherlands; holland; belgium; luxembourg; switzerland; austria; poland;
czech republic; czechia; slovakia; hungary; romania; bulgaria; greece; turkey; türkiye; sweden; norway;
denmark; finland; iceland; estonia; latvia; lithuania; ukraine; russia; serbia; croatia; slovenia; israel;
egypt; morocco; tunisia; algeria; nigeria; ghana; kenya; ethiopia; south africa; uganda; tanzania; rwanda;
india; pakistan; bangladesh; sri lanka; nepal; china; hong kong; taiwan; japan; south korea; korea;
singapore; malaysia; indonesia; thailand; vietnam; philippines; australia; new zealand; uae;
united arab emirates; saudi arabia; qatar; kuwait; bahrain; oman; jordan; lebanon; iran; iraq
"""
_REGIONS = """
alabama; alaska; arizona; arkansas; california; colorado; connecticut; delaware; florida; georgia; hawaii;
idaho; illinois; indiana; iowa; kansas; kentucky; louisiana; maine; maryland; massachusetts; michigan;
minnesota; mississippi; missouri; montana; nebraska; nevada; new hampshire; new jersey; new mexico;
new york; north carolina; north dakota; ohio; oklahoma; oregon; pennsylvania; rhode island; south carolina;
south dakota; tennessee; texas; utah; vermont; virginia; washington; west virginia; wisconsin; wyoming;
ontario; quebec; british columbia; alberta; bavaria; catalonia; maharashtra; karnataka; tamil nadu;
telangana; kerala; gujarat; rajasthan; uttar pradesh; west bengal; punjab; haryana; madhya pradesh;
andhra pradesh; odisha; bihar; goa; delhi ncr; ncr
"""
_CITIES = """
new york city; nyc; san francisco; los angeles; san diego; san jose; seattle; boston; chicago; austin;
dallas; houston; denver; atlanta; miami; phoenix; portland; philadelphia; pittsburgh; detroit; minneapolis;
mountain view; palo alto; menlo park; sunnyvale; cupertino; redmond; bellevue; los gatos; santa clara;
cambridge; pasadena; berkeley; stanford; brooklyn; jersey city; toronto; vancouver; montreal; ottawa;
calgary; london; manchester; birmingham; edinburgh; glasgow; bristol; leeds; oxford; dublin; cork; paris;
lyon; marseille; toulouse; berlin; munich; münchen; hamburg; frankfurt; cologne; köln; stuttgart;
düsseldorf; amsterdam; rotterdam; utrecht; eindhoven; the hague; brussels; antwerp; zurich; zürich; geneva;
basel; vienna; prague; warsaw; krakow; kraków; wroclaw; budapest; bucharest; sofia; athens; istanbul;
madrid; barcelona; valencia; lisbon; porto; rome; milan; turin; naples; stockholm; gothenburg; oslo;
copenhagen; helsinki; tallinn; riga; vilnius; kyiv; kiev; lviv; moscow; belgrade; zagreb; tel aviv;
cairo; lagos; abuja; accra; nairobi; cape town; johannesburg; casablanca; dubai; abu dhabi; riyadh; doha;
mumbai; bombay; pune; bangalore; bengaluru; hyderabad; chennai; madras; kolkata; calcutta; delhi;
new delhi; noida; gurgaon; gurugram; ahmedabad; jaipur; lucknow; kochi; cochin; indore; nagpur; chandigarh;
coimbatore; bhopal; mysore; mysuru; vadodara; surat; nashik; aurangabad; trivandrum; thiruvananthapuram;
visakhapatnam; kanpur; patna; bhubaneswar; mangalore; karachi; lahore; islamabad; dhaka; colombo;
kathmandu; beijing; shanghai; shenzhen; guangzhou; hangzhou; taipei; tokyo; osaka; kyoto; seoul; busan;
singapore city; kuala lumpur; jakarta; bangkok; hanoi; ho chi minh city; manila; sydney; melbourne;
brisbane; perth; adelaide; auckland; wellington; são paulo; sao paulo; rio de janeiro; buenos aires;
santiago; bogotá; bogota; lima; mexico city; guadalajara; monterrey; gotham; metropolis; anywhere;
springfield
"""
_ANYWHERE = """remote; hybrid; on-site; onsite; work from home; wfh; worldwide; various locations"""


def _names(block: str) -> frozenset[str]:
    return frozenset(" ".join(name.split()) for name in block.split(";") if name.strip())


_KNOWN = _names(_COUNTRIES) | _names(_REGIONS) | _names(_CITIES) | _names(_ANYWHERE)
_COUNTRY_OR_REGION = _names(_COUNTRIES) | _names(_REGIONS)
# Two capitals are a US state or Canadian province ("CA", "NY", "ON") when they stand alone as a part.
_STATE_CODE = re.compile(r"^[A-Z]{2}$")
_POSTCODE = re.compile(r"^(?:[A-Z]{2}\s*)?\d{5,6}(?:-\d{4})?$|^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$")
_WORD_OR_PERIOD = re.compile(r"[^\w.\s'-]")


def _key(part: str) -> str:
    return " ".join(_WORD_OR_PERIOD.sub(" ", part.lower()).split())


def is_place(part: str) -> bool:
    """Whether `part` (one comma-separated piece) names a known place, a state code or "Remote"."""
    stripped = part.strip().strip("()")
    if _STATE_CODE.match(stripped) or _POSTCODE.match(stripped):
        return True
    return _key(stripped) in _KNOWN


def is_country_or_region(part: str) -> bool:
    """Whether `part` is a country, a state or a state code: the end of a written address."""
    stripped = part.strip().strip("()")
    return bool(_STATE_CODE.match(stripped)) or _key(stripped) in _COUNTRY_OR_REGION

"""What a piece of text says about law: the laws it names outright ("under the AI Act", "GDPR Art. 33",
"BIPA"), and whether it asks what the law requires or allows."""

from __future__ import annotations

import re

_NAMED_LAWS = {
    r"\bgdpr\b|data protection regulation": "gdpr",
    r"(?<!colorado )\bai act\b|artificial intelligence act": "eu-ai-act",  # "Colorado AI Act" is not the EU's
    r"\bcolorado\b": "colorado-ai-act",
    r"\btdpsa\b|texas data privacy": "tdpsa",
    r"\bcubi\b|texas biometric": "cubi",
    r"\blocal law 144\b|\bll ?144\b": "nyc-ll144",
    r"\bcmia\b|confidentiality of medical information": "cmia",
    r"algorithmic pricing disclosure": "ny-pricing",
    r"\buk gdpr\b|\bico\b|data \(use and access\)|\bduaa\b": "uk-gdpr",
    r"\bpecr\b": "pecr",
    r"\bcookies?\b|e-?privacy": "eprivacy",
    r"\bccpa\b|\bcpra\b": "ccpa",
    r"\bhipaa\b": "hipaa",
    r"\bbipa\b": "bipa",
    r"\bpipeda\b": "pipeda",
    r"\bnist\b": "global",
    r"\btcpa\b|telephone consumer protection": "tcpa",
    r"can-?spam": "can-spam",
    r"\bftc act\b|federal trade commission act|fake reviews? rule|16 cfr part 465": "ftc-act",
    r"health breach notification|(?:not|isn't|aren't) (?:covered by|under) hipaa|outside hipaa": "ftc-hbnr",
    r"title vii|\beeoc\b": "us-eeo",
    r"\bab ?3030\b": "ca-ab3030",
    r"\bcipa\b|invasion of privacy act|penal code (?:§ ?|section )?63[12]": "cipa",
    r"delete act|\bsb ?362\b|data brokers?": "ca-delete-act",
    r"\bdata brokers?\b": "tx-data-broker",
    r"\bfeha\b|fair employment and housing": "ca-feha",
    r"\btraiga\b|responsible (?:artificial intelligence|ai) governance": "traiga",
    r"\bsb ?1188\b": "tx-sb1188",
    r"video interview act": "il-aivia",
    r"illinois human rights act|\bhb ?3773\b": "il-hra",
    r"\bcasl\b|anti-?spam": "casl",
    r"\blaw 25\b|\bbill 64\b|\bqu[eé]bec\b": "quebec-law25",
    r"working for workers|employment standards act": "ontario-esa",
    r"\beu data act\b|(?<!protection )\bdata act\b": "eu-data-act",
    r"medical devices? regulation|\bmdr\b": "eu-mdr",
    r"equality act": "uk-equality-act",
    r"\bcqc\b|care quality commission|mental capacity act": "uk-care",
    r"\bspam act\b|do not call register": "au-spam",
    r"privacy act 1988|australian privacy principles|\boaic\b": "au-privacy",
}


# A place standing for its law ("is this legal in California?"): used only when no law is named outright, so that
# "the CCPA in California" means the CCPA, not every Californian law.
_PLACE_AS_LAW = {
    r"\bnyc\b|new york city": ("nyc-ll144", "nyc-biometric"),
    r"californi": ("ccpa", "cmia", "ca-ab3030", "cipa", "ca-delete-act", "ca-feha"),
    r"illinois": ("bipa", "il-aivia", "il-hra"),
    r"canad": ("pipeda", "casl"),
}


def named_jurisdictions(query: str) -> set[str]:
    """Framework ids a question names outright ('Under the AI Act...', 'GDPR', 'HIPAA'); failing that, the laws
    of a state or country it names as the law ('Illinois law')."""
    lower = query.lower()
    named = {j for pattern, j in _NAMED_LAWS.items() if re.search(pattern, lower)}
    if named:
        return named
    return {j for pattern, laws in _PLACE_AS_LAW.items() if re.search(pattern, lower) for j in laws}


_OBLIGATION = re.compile(
    r"\b(have to|has to|must|required?|requirements?|obliged|obligations?|need to|allowed|permitted|legal|"
    r"lawful|illegal|comply|compliant|compliance|law|consent|privacy|personal data|opt[- ]out|lawful basis|"
    r"notify|report it|deadline|who do we tell|(?:do|does|will) (?:we|i|they|you) (?:still |really )?need)\b",
    re.I,
)


def asks_about_obligation(query: str) -> bool:
    """Whether a question asks what the law requires or allows, or turns on a legal concept (consent)."""
    return bool(_OBLIGATION.search(query))

"""Removes personal data from user text before it leaves the gateway.

Rasa stores what it is sent (its tracker is the conversation), so the gateway sends a scrubbed
copy: contact details, addresses and bank numbers become neutral placeholders. The original
text is only read, in memory, by the gateway's own detectors during the current turn.
Short help numbers (17, 119, 3018…) are not personal data and stay.
"""
import re

# Order matters: what contains digits of another kind is replaced first.
RULES: list[tuple[str, re.Pattern]] = [
    ("[e-mail]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[lien]", re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:fr|com|net|org|io|be|ch|eu|me|tv|gg)(?:/\S*)?", re.IGNORECASE)),
    ("[IBAN]", re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){3,7}(?:[ -]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)),
    ("[carte bancaire]", re.compile(r"(?<![\d+])(?!00)(?:\d{4}[ -]?){3}\d{1,7}(?!\d)")),
    ("[téléphone]", re.compile(r"(?<![\w+])(?:(?:\+|00)\s?\d{2,3}[\s.-]?(?:\(0\)\s?)?\d(?:[\s.-]?\d{2}){4}|0\d(?:[\s.-]?\d{2}){4})(?!\d)")),
    ("[adresse]", re.compile(
        r"\b\d{1,4}\s?(?:bis|ter)?,?\s+(?:rue|avenue|av\.?|boulevard|bd|bld|place|pl\.?|chemin|impasse|allée|allee|"
        r"quai|route|cours|square|résidence|residence|lotissement|cité|cite|passage|voie|sentier)\b"
        r"(?:\s+(?:de|du|des|la|le|les|l'|d'|[A-ZÀ-Ý][\w'-]*|[a-zà-ÿ][\w'-]*)){1,5}",
        re.IGNORECASE,
    )),
    ("[code postal]", re.compile(r"(?<![\d\w])(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}(?![\d\w])")),
    ("[pseudo]", re.compile(r"(?<![\w@])@[\w.]{2,}")),
]


def scrub(text: str) -> str:
    for placeholder, pattern in RULES:
        text = pattern.sub(placeholder, text)
    return text

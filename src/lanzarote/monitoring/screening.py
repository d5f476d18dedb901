"""The screen that stands between a children's contribution and its publication.

It looks, in English and French text (and the usual European forms of addresses, postcodes and
school names), for what could lead back to a child: e-mail addresses, telephone numbers, social
media handles, street addresses and postcodes, the place a child says they live, school names,
birth dates and people's names (a known first name followed by a surname or an initial, a title
such as « Mme » or "Mr" before a name, "my name is …"). Each finding is a span of the text.

It errs on the side of caution: a false alarm costs the secretariat a look and a click, a miss can
expose a child. So a finding never rejects a contribution; it holds its publication until the
secretariat redacts the text or confirms, with a reason, that nothing in it identifies a child.

Plain Python, no Django: the services, a data migration and the tests call it alike. Every
pattern has bounded repetition, so a very long text is screened in linear time.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


def _(message: str) -> str:
    """Marks a message for translation (rendered through gettext where it is shown)."""
    return message


class Kind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    SOCIAL = "social"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PLACE = "place"
    SCHOOL = "school"
    BIRTH_DATE = "birth_date"
    NAME = "name"


KIND_LABELS: dict[Kind, str] = {
    Kind.EMAIL: _("e-mail address"),
    Kind.PHONE: _("telephone number"),
    Kind.SOCIAL: _("social media account"),
    Kind.ADDRESS: _("street address"),
    Kind.POSTCODE: _("postcode"),
    Kind.PLACE: _("place where a child lives"),
    Kind.SCHOOL: _("school"),
    Kind.BIRTH_DATE: _("birth date"),
    Kind.NAME: _("person's name"),
}

# What a redaction suggestion puts in place of a finding, in the contribution's own language.
PLACEHOLDERS: dict[str, dict[Kind, str]] = {
    "en": {
        Kind.EMAIL: "[e-mail]",
        Kind.PHONE: "[phone]",
        Kind.SOCIAL: "[account]",
        Kind.ADDRESS: "[address]",
        Kind.POSTCODE: "[postcode]",
        Kind.PLACE: "[place]",
        Kind.SCHOOL: "[school]",
        Kind.BIRTH_DATE: "[date]",
        Kind.NAME: "[name]",
    },
    "fr": {
        Kind.EMAIL: "[courriel]",
        Kind.PHONE: "[téléphone]",
        Kind.SOCIAL: "[compte]",
        Kind.ADDRESS: "[adresse]",
        Kind.POSTCODE: "[code postal]",
        Kind.PLACE: "[lieu]",
        Kind.SCHOOL: "[école]",
        Kind.BIRTH_DATE: "[date]",
        Kind.NAME: "[nom]",
    },
}


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: Kind

    def excerpt(self, text: str) -> str:
        return text[self.start : self.end]

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Finding:
        return cls(int(str(data["start"])), int(str(data["end"])), Kind(str(data["kind"])))


# -- building blocks ---------------------------------------------------------------------------

# Upper-case letters of the Latin, Greek and Cyrillic scripts (names in Council of Europe
# languages); `re` has no \p{Lu}, so the class is spelled out once.
_UPPER = "".join(
    re.escape(c)
    for c in map(chr, [*range(0x41, 0x250), *range(0x370, 0x530)])
    if c.isupper() and c.isalpha()
)
UP = f"[{_UPPER}]"
LETTER = r"[^\W\d_]"
WORD_TAIL = rf"{LETTER}{{0,40}}"
APOSTROPHE = "['’]"
# A capitalised word: "Dupont", "O'Brien", "Saint-Exupéry", "McAllister".
# Atomic, and anchored at both ends of a word, so that no pattern backtracks into a word: each
# position of the text costs a bounded amount of work whatever the text.
CAP_WORD = (
    rf"(?<!{LETTER})(?>{UP}{WORD_TAIL}(?:{APOSTROPHE}{UP}?{LETTER}{{1,40}})?"
    rf"(?:-{UP}?{LETTER}{{1,40}}){{0,3}})(?!{LETTER})"
)
# Particles inside surnames: "de la Fontaine", "van Gogh", "von Trapp", "d'Artagnan".
PARTICLE = rf"(?:(?:de|du|des|de la|van|von|der|den|da|di|del|della|dos|le|la|ter|zu|bin|ibn|al)\s+|d{APOSTROPHE})"
SURNAME = rf"(?:{PARTICLE})?{CAP_WORD}"


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.UNICODE)


def _found(match: re.Match[str], kind: Kind) -> Finding:
    """The finding of a match: its named group when it has one ("J'habite à [Saint-Denis]"
    keeps the words around the detail), else the whole match."""
    for name, value in match.groupdict().items():
        if value is not None:
            return Finding(match.start(name), match.end(name), kind)
    return Finding(match.start(), match.end(), kind)


# -- contact details ---------------------------------------------------------------------------

EMAIL = _compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
    r"|(?<![\w.+-])[\w.+-]{1,64}\s?[\[(](?:at|arobase)[\])]\s?[\w-]{1,63}"
    r"(?:\s?(?:[\[(]dot[\])]|\.)\s?[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)
SOCIAL = _compile(
    r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?![\w@])"
    r"|\b(?:instagram|facebook|fb|tiktok|snapchat|twitter|x|youtube|twitch|discord)"
    r"\.(?:com|gg)/[^\s,;)]{1,99}[^\s,;).]",
    re.IGNORECASE,
)
# Digits with the separators people write between them. Which runs are telephone numbers is
# decided in `_phones`, which tells them apart from dates, year ranges and amounts.
PHONE_CANDIDATE = _compile(r"(?<![\w+])\+?\(?\d[\d \u00a0().\-/]{5,24}\d(?!\w)")
PHONE_SEPARATORS = _compile(r"[ \u00a0().\-/]+")
DATE_LIKE = _compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")
YEAR_RANGE = _compile(r"(?:1[89]|20)\d\d\s?[-/]\s?(?:1[89]|20)?\d\d")
THOUSANDS = _compile(r"\d{1,3}(?:[ \u00a0.,]\d{3})+")


def _phones(text: str) -> Iterator[Finding]:
    for match in PHONE_CANDIDATE.finditer(text):
        raw = match.group()
        if DATE_LIKE.fullmatch(raw) or YEAR_RANGE.fullmatch(raw) or THOUSANDS.fullmatch(raw):
            continue
        digits = sum(c.isdigit() for c in raw)
        groups = [g for g in PHONE_SEPARATORS.split(raw.strip("()+")) if g]
        international = raw.startswith(("+", "00"))
        trunk = raw.lstrip("(").startswith("0")
        if (
            (international and 8 <= digits <= 15)
            or (trunk and 9 <= digits <= 12)
            or (len(groups) >= 3 and 8 <= digits <= 12)
            or (len(groups) == 1 and 10 <= digits <= 12)
        ):
            yield Finding(match.start(), match.end(), Kind.PHONE)


# -- places ------------------------------------------------------------------------------------

_STREET_FR = (
    r"(?i:rue|avenue|av\.|boulevard|bd|place|allée|allee|chemin|impasse|quai|route|cours|square|"
    r"passage|rond-point|cité|cite|résidence|residence|lotissement)"
)
_STREET_EN = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Way|Court|Ct\.?|"
    r"Crescent|Terrace|Place|Gardens|Boulevard|Blvd\.?|Square|Grove|Row|Mews|Walk|Estate)"
)
_STREET_BEFORE = (
    r"(?:Via|Viale|Piazza|Corso|Largo|Calle|Avenida|Plaza|Paseo|Rua|Travessa|Carrer|Ulica|"
    r"ul\.|Strada|Bulevardul|Odos|Leoforos)"
)
_STREET_SUFFIX = (
    r"(?i:straße|strasse|str\.|weg|gasse|platz|allee|ring|straat|laan|gracht|gatan|vägen|gade|"
    r"vej|veien|gata|utca|út|ulica)"
)
ADDRESS = _compile(
    # « 12 rue de la Paix », « 3bis, avenue Foch », « rue Victor Hugo »
    rf"(?:\b\d{{1,4}}\s?(?:bis|ter|[a-zA-Z])?,?\s+)?\b{_STREET_FR}\s+(?:{PARTICLE})?{CAP_WORD}"
    rf"(?:\s+{CAP_WORD}){{0,3}}"
    # "221B Baker Street", "10 Downing St", "Baker Street"
    rf"|(?:\b\d{{1,5}}[A-Za-z]?,?\s+)?(?:{CAP_WORD}\s+){{1,3}}{_STREET_EN}\b"
    # "Hauptstraße 5", "Kerkstraat 12", "Storgatan 3"
    rf"|\b{UP}{WORD_TAIL}{_STREET_SUFFIX}\s+\d{{1,4}}[a-z]?\b"
    # "Via Roma 10", "Calle Mayor, 5"
    rf"|\b{_STREET_BEFORE}\s+(?:{PARTICLE})?{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}},?\s+\d{{1,4}}\b"
)
POSTCODE = _compile(
    # United Kingdom: "SW1A 1AA", "M1 1AE"
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
    # 5 digits and a town: « 75011 Paris », "10115 Berlin", "00184 Roma"
    rf"|\b\d{{5}}\s+{CAP_WORD}"
    # "F-75011", "CH-1200", "B-1000"
    r"|\b[A-Z]{1,2}-\d{4,5}\b"
    # Netherlands: "1012 AB Amsterdam"
    rf"|\b\d{{4}}\s?[A-Z]{{2}}\s+{CAP_WORD}"
)
_TOWN = (
    rf"{CAP_WORD}(?:[\s-]+(?:(?i:sur|sous|en|lès|les|le|la|de|upon|on)[\s-]+)?{CAP_WORD}){{0,3}}"
)
PLACE = _compile(
    rf"\b(?i:(?:I|we)\s+(?:live|lived|am living|are living|come|came|grew up|was born|were born)"
    rf"\s+(?:in|at|on|near|from)|(?:I'm|I am|we're|we are)\s+from)\s+(?:the\s+)?(?P<town_en>{_TOWN})"
    rf"|\b(?i:(?:j{APOSTROPHE}habite|nous habitons|on habite|je vis|nous vivons|on vit|je viens|"
    rf"nous venons|on vient|j{APOSTROPHE}ai grandi|je suis née?|nous sommes nés)"
    rf"\s+(?:à|a|au|aux|en|dans|près de|de|du|d{APOSTROPHE})\s*(?:la\s+|le\s+|les\s+|l{APOSTROPHE})?)"
    rf"(?P<town_fr>{_TOWN})"
)

# -- schools -----------------------------------------------------------------------------------

_SCHOOL_BEFORE = (
    r"(?:École|Ecole|Collège|College|Lycée|Lycee|Institut|Groupe scolaire|Cité scolaire|"
    r"Gymnasium|Gymnázium|Gimnazjum|Gimnazija|Liceo|Liceul|Lyceum|Instituto|Colegio|Escuela|"
    r"Escola|Scuola|Istituto|Schule|Grundschule|Realschule|Gesamtschule|Hauptschule|Volksschule|"
    r"Szkoła|Skola|Skole|Škola|Iskola|Okul|Academy|School)"
)
_SCHOOL_AFTER = (
    r"(?:School|Academy|College|High|Primary|Grammar|Gymnasium|Lyceum|Schule|Grundschule|"
    r"Gesamtschule|Realschule|Skole|Skola|Skolan|Koulu|Iskola|Okulu|Liceum)"
)
_SCHOOL_LINK = (
    rf"(?:\s+(?:de la|de|du|des|d{APOSTROPHE}|of the|of|the|St\.?|Saint|Sainte|Sankt|San|Santa|"
    r"(?i:élémentaire|primaire|maternelle|privée|publique|professionnel|polyvalent|technique|"
    r"international|internationale|catholique|secondary|primary|elementary|high))){0,3}"
)
SCHOOL_NAMED_AFTER = _compile(
    # « École Jules Ferry », « Lycée Victor-Hugo », "Gymnasium Neustadt", "Liceo Galilei"
    rf"\b{_SCHOOL_BEFORE}{_SCHOOL_LINK}\s*{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}}"
    rf"|\b{UP}{WORD_TAIL}-(?:Gymnasium|Schule|Grundschule|Realschule|Gesamtschule|Lyzeum)\b"
)
# "St Mary's School", "Hillside Primary School", "Westfield High"
SCHOOL_NAMED_BEFORE = _compile(rf"(?P<name>(?:{CAP_WORD}\s+){{1,4}}){_SCHOOL_AFTER}\b")
# Words that start a sentence before "School" without naming one: "The School", "My School".
_SENTENCE_OPENERS = (
    "a an the this that these those my our your his her their its every each no any some at in to "
    "from of for and or but with without after before during le la les un une des mon ma mes notre "
    "nos votre vos son sa ses leur leurs ce cette à au aux en dans"
)
NOT_A_SCHOOL_NAME = frozenset(_SENTENCE_OPENERS.split())


def _schools(text: str) -> Iterator[Finding]:
    for match in SCHOOL_NAMED_AFTER.finditer(text):
        yield Finding(match.start(), match.end(), Kind.SCHOOL)
    for match in SCHOOL_NAMED_BEFORE.finditer(text):
        words = match.group("name").split()
        # Drop leading words that only open a sentence: "The Hillside School" names Hillside.
        while words and words[0].casefold() in NOT_A_SCHOOL_NAME:
            words.pop(0)
        if words:
            start = match.start() + match.group().index(words[0])
            yield Finding(start, match.end(), Kind.SCHOOL)


# -- dates of birth ----------------------------------------------------------------------------

_MONTHS = (
    r"(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|"
    r"oct\.?|nov\.?|dec\.?)"
)
_A_DATE = (
    rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?\s+{_MONTHS}(?:\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:19|20)\d\d)"
)
BIRTH_DATE = _compile(
    r"\b(?i:né|née|nés|nées|born|birthday is|my birthday|mon anniversaire est|"
    r"anniversaire est|date de naissance|date of birth)"
    rf"\s*:?\s*(?i:on|in|le|en|the|au)?\s*(?P<span>{_A_DATE})"
)

# -- names -------------------------------------------------------------------------------------

# Titles written with or without a full stop, and abbreviations that need one ("M. Martin").
_TITLES = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Mme|Mlle|Mmes|Herr|Frau)\.?"
    r"|(?:M|MM|Sr|Sra|Pr)\."
    r"|(?i:madame|mademoiselle|monsieur|maître|maitre|professeur|professeure|docteur|"
    r"signor|signora|señor|señora))"
)
TITLED_NAME = _compile(rf"\b{_TITLES}\s+{SURNAME}(?:\s+{SURNAME}){{0,2}}")
INTRODUCED_NAME = _compile(
    rf"\b(?i:(?:my|his|her|their) (?:name is|name's)|I'm called|I am called|(?:is|was) called|"
    rf"named|je m{APOSTROPHE}appelle|il s{APOSTROPHE}appelle|elle s{APOSTROPHE}appelle|"
    rf"on m{APOSTROPHE}appelle|mon (?:nom|prénom) (?:est|c{APOSTROPHE}est)|(?:il|elle) se nomme|"
    rf"prénommée?|appelée?|nommée?)\s+(?P<span>{CAP_WORD}(?:\s+{SURNAME}){{0,2}})"
)
# A word then what could be a surname or an initial: "Marie Dupont", "Lucas van Dijk", "Léa D."
NAME_THEN_SURNAME = _compile(
    rf"(?P<first>{CAP_WORD})(?P<rest>(?:\s+{SURNAME}){{1,3}}|\s+{UP}\.(?:\s?{UP}\.)?)(?!{LETTER})"
)
WORD = _compile(CAP_WORD)


@cache
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """The known first names (case-folded), and those that are also common words ("Rose",
    "Claire", "Will"): the latter count only before a surname, never alone."""
    names: set[str] = set()
    ambiguous: set[str] = set()
    source = resources.files("lanzarote.data").joinpath("monitoring/first_names.csv")
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip().casefold()
            names.add(name)
            if row["also_a_word"].strip() == "yes":
                ambiguous.add(name)
    return frozenset(names), frozenset(ambiguous)


def _is_first_name(word: str) -> bool:
    known, _ambiguous = first_names()
    folded = word.casefold()
    return folded in known or any(part in known for part in folded.split("-") if part)


def _names(text: str) -> Iterator[Finding]:
    known, ambiguous = first_names()
    for pattern in (TITLED_NAME, INTRODUCED_NAME):
        for match in pattern.finditer(text):
            yield _found(match, Kind.NAME)
    position = 0
    while pair := NAME_THEN_SURNAME.search(text, position):
        if _is_first_name(pair.group("first")):
            yield Finding(pair.start(), pair.end(), Kind.NAME)
            position = pair.end()
        else:
            # The next capitalised word may itself start a name: "Hier Marie Dupont".
            position = pair.end("first")
    for match in WORD.finditer(text):
        folded = match.group().casefold()
        if folded in known and folded not in ambiguous:
            yield Finding(match.start(), match.end(), Kind.NAME)


# -- the screen --------------------------------------------------------------------------------

_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.EMAIL, EMAIL),
    (Kind.SOCIAL, SOCIAL),
    (Kind.ADDRESS, ADDRESS),
    (Kind.POSTCODE, POSTCODE),
    (Kind.PLACE, PLACE),
    (Kind.BIRTH_DATE, BIRTH_DATE),
)
# Where two findings overlap, the more specific one is kept.
_PRECEDENCE = [
    Kind.EMAIL,
    Kind.SOCIAL,
    Kind.PHONE,
    Kind.BIRTH_DATE,
    Kind.SCHOOL,
    Kind.ADDRESS,
    Kind.POSTCODE,
    Kind.PLACE,
    Kind.NAME,
]


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: overlapping findings become one span, of the most
    specific kind among them."""
    merged: list[Finding] = []
    for finding in sorted(findings):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, finding.kind, key=_PRECEDENCE.index)
            merged[-1] = Finding(last.start, max(last.end, finding.end), kind)
        else:
            merged.append(finding)
    return merged


def screen(text: str) -> list[Finding]:
    """Every stretch of `text` that could identify a child, in order, overlapping ones merged."""
    found: list[Finding] = [*_phones(text), *_schools(text)]
    for kind, pattern in _PATTERNS:
        found.extend(_found(match, kind) for match in pattern.finditer(text))
    found.extend(_names(text))
    return _merge(found)


def kinds_of(findings: list[Finding]) -> list[Kind]:
    """The kinds found, each once, in the order of the text."""
    seen: dict[Kind, None] = {}
    for finding in findings:
        seen.setdefault(finding.kind, None)
    return list(seen)


def redaction_suggestion(text: str, findings: list[Finding], *, language: str = "en") -> str:
    """The text with every finding replaced by a placeholder such as "[name]" or « [nom] »:
    where the secretariat starts from when it redacts (it may change anything)."""
    placeholders = PLACEHOLDERS.get(language, PLACEHOLDERS["en"])
    parts: list[str] = []
    position = 0
    for finding in sorted(findings):
        parts.append(text[position : finding.start])
        parts.append(placeholders[finding.kind])
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)

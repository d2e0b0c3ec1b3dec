"""Finding personal data in free text: personnummer and samordningsnummer, Swedish phone numbers,
e-mail addresses, Swedish registration plates and street addresses with a house number.

Each kind is found by a pattern and then checked, so that the ordinary content of a lägesbild (times
such as 22.15, dates, counts, "buss 583", "E4", "väg 263", order numbers, sums in kronor) raises no
alarm:

- personnummer / samordningsnummer: 10 or 12 digits, with "-", "+" or no separator; the date must
  exist and the check digit must hold (python-stdnum's `se.personnummer`). stdnum knows no
  samordningsnummer (its date check refuses days 61–91), so for those the day less 60 is checked as
  a date and the check digit on the number as written. A 12-digit number must name a birth date
  between 1850 and today. A number written without separator right after a word such as "order",
  "ärende" or "faktura" is taken as that kind of number; one directly after a country code ("+47 ")
  is a phone number of that country.
- phone numbers: Swedish forms only (07x-xxx xx xx and other spacings, 08-…, 0xx-…, 0xxx-…, +46 and
  0046 with or without "(0)"); the digits must add up to a Swedish number's length. Numbers of other
  countries (+47, +45, +1 …) are left alone: they are not Swedish phone numbers and their digits
  are not read as a personnummer either.
- e-mail addresses: name@domain.tld.
- registration plates: three capital letters (A–Z but I, Q, V, which Transportstyrelsen does not use)
  and three digits, or two digits and a letter other than O (ABC 123, ABC12A); common abbreviations
  followed by a number ("SEK 500", "SMS 112") are not plates.
- street addresses: a street name ending in a street word (-gatan, -vägen, -gränd, -stigen, -torget,
  -plan, -backen, -allén, -leden, -gången, -slingan …), or two words such as "Stora gatan", followed
  by a house number of at most three digits and perhaps a letter ("Storgatan 5", "Stora gatan 12B").
  The indefinite "väg" is left out on purpose: "väg 263" and "länsväg 263" are road numbers.

Names are not looked for. What was tried, on the 3,000 descriptions of tests/test_privacy_detect.py
(where every alarm is a false one): two capitalised words in a row not at the start of a sentence
("Anna Svensson") alarm on 6.4 % of them ("Coop Forum", "Ica Maxi", "Drottning Kristinas väg") and
miss a name written otherwise ("anna svensson", "Kalle"); any capitalised word within a sentence
alarms on 81 % (every place name). Both are far above the 1 % that keeps a warning worth reading.
A list of first names (SCB's tilltalsnamn) was not tried: no well-kept package ships one, and it
would flag place names and words that are also names ("Viktoria", "Sten", "Björn", "Märta"). A
Swedish named-entity model (KB-BERT and the like) needs model weights of hundreds of megabytes. So
the guard leaves names, and descriptions of a person, to the explanation the user is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError as NumberError
from stdnum.se import personnummer

from app.domain.vocabulary import Vocabulary, labels
from app.i18n import N_


@labels(
    personnummer=N_("Personal identity number"),
    samordningsnummer=N_("Co-ordination number"),
    phone=N_("Phone number"),
    email=N_("E-mail address"),
    plate=N_("Registration plate"),
    address=N_("Street address"),
)
class PersonalDataKind(Vocabulary):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    PHONE = "phone"
    EMAIL = "email"
    PLATE = "plate"
    ADDRESS = "address"

    @property
    def placeholder(self) -> str:
        """What replaces a hit of this kind in the stored text. Swedish whatever the language shown:
        it becomes part of the office's data, which must not depend on the desk that cleaned it."""
        return PLACEHOLDERS[self]


PLACEHOLDERS: dict[PersonalDataKind, str] = {
    PersonalDataKind.PERSONNUMMER: "[personnummer]",
    PersonalDataKind.SAMORDNINGSNUMMER: "[samordningsnummer]",
    PersonalDataKind.PHONE: "[telefonnummer]",
    PersonalDataKind.EMAIL: "[e-post]",
    PersonalDataKind.PLATE: "[registreringsnummer]",
    PersonalDataKind.ADDRESS: "[adress]",
}


@dataclass(frozen=True, order=True)
class Hit:
    """Personal data found in a text: `text[start:end] == matched`."""

    start: int
    end: int
    kind: PersonalDataKind
    matched: str

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def placeholder(self) -> str:
        return self.kind.placeholder


# Which kind wins where two patterns claim the same characters (a 10-digit mobile number without
# spaces may also be a valid personnummer: the stronger finding is kept).
_PRIORITY = {
    PersonalDataKind.PERSONNUMMER: 0,
    PersonalDataKind.SAMORDNINGSNUMMER: 0,
    PersonalDataKind.EMAIL: 1,
    PersonalDataKind.PHONE: 2,
    PersonalDataKind.PLATE: 3,
    PersonalDataKind.ADDRESS: 4,
}

# --- personnummer and samordningsnummer -------------------------------------------------------------

_IDENTITY = re.compile(r"(?<![\d+])(?P<date>\d{8}|\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})(?![\d]|[.,]\d)")

# A country code just before the digits: a foreign phone number (or "+46 …", which the phone pattern
# reads).
_COUNTRY_CODE_BEFORE = re.compile(r"(?:\+|\b00)\d{1,3}[\s\-]*(?:\(0\)\s*)?$")

# Words after which a run of digits is that kind of number, not a personnummer.
_NUMBER_WORDS_BEFORE = re.compile(
    r"\b(?:order|ordernr|ordernummer|ärende|ärendenr|ärendenummer|diarienr|diarienummer|dnr|"
    r"faktura|fakturanr|fakturanummer|ocr|ocr-nummer|ref|referens|referensnr|referensnummer|"
    r"kundnr|kundnummer|bokning|bokningsnr|bokningsnummer|serienr|serienummer|artikelnr|artikelnummer|"
    r"objektnr|objektnummer|avtalsnr|avtalsnummer|beställning|beställningsnr|beställningsnummer)"
    r"\.?(?:\s*(?:nr|nummer)\.?)?\s*[:#]?\s*$",
    re.IGNORECASE,
)
_LOOK_BACK = 40
_EARLIEST_BIRTH_YEAR = 1850


def _identity_kind(date: str, sep: str, serial: str, today: dt.date) -> PersonalDataKind | None:
    """PERSONNUMMER or SAMORDNINGSNUMMER if the digits make a valid one, else None."""
    if not luhn.is_valid((date + serial)[-10:]):  # the check digit covers the number as written
        return None
    kind = PersonalDataKind.PERSONNUMMER
    day = int(date[-2:])
    if day > 60:  # a samordningsnummer: its day is the birth day + 60, which stdnum does not know
        kind = PersonalDataKind.SAMORDNINGSNUMMER
        date = f"{date[:-2]}{day - 60:02d}"
    try:
        born = personnummer.get_birth_date(f"{date}{sep or '-'}{serial}")
    except NumberError:
        return None
    if len(date) == 8 and not (_EARLIEST_BIRTH_YEAR <= born.year and born <= today):
        return None
    return kind


def _identity_hits(text: str, today: dt.date) -> Iterable[Hit]:
    for m in _IDENTITY.finditer(text):
        before = text[max(0, m.start() - _LOOK_BACK) : m.start()]
        if _COUNTRY_CODE_BEFORE.search(before):
            continue
        if not m["sep"] and _NUMBER_WORDS_BEFORE.search(before):
            continue
        kind = _identity_kind(m["date"], m["sep"], m["serial"], today)
        if kind is not None:
            yield Hit(m.start(), m.end(), kind, m.group())


# --- phone numbers ----------------------------------------------------------------------------------

# The subscriber part: a run of digits and groups of two to four, split by single spaces or hyphens.
_SUBSCRIBER = r"\d{2,8}(?:[ \-]\d{2,4}){0,3}"
_AREA_SEPARATOR = r"(?:\s?[-–/]\s?|\s)?"
_PHONE = re.compile(
    r"(?<![\w+\-./,])"
    r"(?:"
    rf"(?P<intl>(?:\+|\b00)46[ \-]?(?:\(0\)[ \-]?)?[1-9]\d{{0,2}}{_AREA_SEPARATOR}{_SUBSCRIBER})"
    r"|"
    rf"(?P<national>0[1-9]\d{{0,3}}{_AREA_SEPARATOR}{_SUBSCRIBER})"
    r")"
    r"(?![\w]|[.,:]\d)"
)


def _phone_ok(number: str, international: bool) -> bool:
    digits = re.sub(r"\D", "", number)
    if international:
        digits = digits[4:] if digits.startswith("0046") else digits[2:]
        if number.count("(0)"):
            digits = digits[1:] if digits.startswith("0") else digits
        digits = "0" + digits
    if digits.startswith("07"):
        return len(digits) == 10
    return 8 <= len(digits) <= 10


def _phone_hits(text: str) -> Iterable[Hit]:
    for m in _PHONE.finditer(text):
        number = m.group()
        separated = bool(re.search(r"[^\d]", number.lstrip("+")))
        international = m["intl"] is not None
        code = _COUNTRY_CODE_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start())
        start = m.start()
        if not international and code:
            if re.sub(r"\D", "", code.group()).lstrip("0") != "46":
                continue  # "+358 040 123 4567": another country's number with its trunk zero
            start = code.start()  # "+46 070-123 45 67": the country code belongs to the hit
        if not international and not separated and len(number) < 9:
            continue  # an unbroken run of eight digits starting with 0 is more likely some other number
        if _phone_ok(number, international):
            yield Hit(start, m.end(), PersonalDataKind.PHONE, text[start : m.end()])


# --- e-mail addresses -------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?![\w\-])")


def _email_hits(text: str) -> Iterable[Hit]:
    for m in _EMAIL.finditer(text):
        if not m.group().startswith(".") and ".." not in m.group():
            yield Hit(m.start(), m.end(), PersonalDataKind.EMAIL, m.group())


# --- registration plates ----------------------------------------------------------------------------

_PLATE_LETTER = "[A-HJ-PR-UW-Z]"  # A-Z but I, Q and V
_PLATE = re.compile(rf"(?<![\w\-])(?P<letters>{_PLATE_LETTER}{{3}}) ?\d\d(?:\d|[A-HJ-NPR-UW-Z])(?![\w\-]|[.,:]\d)")
# Abbreviations written in capitals before a number; no plate is worth the alarm on "SEK 500".
_NOT_PLATES = frozenset(
    "SEK EUR USD NOK DKK GBP TEL FAX SMS MMS BRF LSS SOL LVU LVM LPT HVB SFI BUP VVS APT ATT NYA KOD PIN "
    "ANM DNR REF NUM MAX MIN TOT CCA STN LGH SOS OBS TFN TNR ORG".split()
)


def _plate_hits(text: str) -> Iterable[Hit]:
    for m in _PLATE.finditer(text):
        if m["letters"] not in _NOT_PLATES:
            yield Hit(m.start(), m.end(), PersonalDataKind.PLATE, m.group())


# --- street addresses -------------------------------------------------------------------------------

# The street words a street name ends in; "väg", "gata" and "torg" only in their definite forms
# ("Storvägen", not "länsväg 263").
_STREET_ENDINGS = (
    "gatan|vägen|gränd|gränden|stigen|torget|backen|allén|allé|leden|gången|slingan|"
    "kroken|svängen|ringen|raden|kajen|promenaden|esplanaden|stråket|terrassen|liden|höjden|"
    "kullen|udden|ängen|hagen"
)
# Endings that are also ordinary words in compounds ("våningsplan 3"): only with a capital letter.
_CAPITAL_ONLY_ENDINGS = "plan|platsen|parken|torg"
_LETTER = "a-zåäöéüA-ZÅÄÖÉÜ"
_HOUSE_NUMBER = r"(?P<number>\d{1,3})(?:\s?(?P<letter>[A-Za-z])(?![\w]))?"
_NOT_A_HOUSE_NUMBER = re.compile(
    r"\s*(?:[.,:/]\d|[–-]\d{1,2}[.:]\d\d|kr\b|kronor|personer|pers\b|st\b|stycken|ungdomar|barn|vuxna|gånger|ggr|minuter|min\b|"
    r"timmar|tim\b|meter|m\b|km\b|%|procent|år\b|bilar|fordon)",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"(?<![\w\-])(?:"
    # one word: "Storgatan", "Märstavägen", "storgatan"
    rf"(?P<one>[{_LETTER}][{_LETTER}\-]{{1,40}}?(?:{_STREET_ENDINGS}))"
    rf"|(?P<capital>[A-ZÅÄÖ][{_LETTER}\-]{{1,40}}?(?:{_CAPITAL_ONLY_ENDINGS}))"
    # two words, the first capitalised: "Stora gatan", "Gamla vägen", "Norra stigen"
    rf"|(?P<two>[A-ZÅÄÖ][{_LETTER}]{{1,30}} (?:gatan|vägen|gränd|gränden|stigen|torget|backen|allén|allé))"
    r")"
    rf" {_HOUSE_NUMBER}"
    r"(?![\w])"
)


def _address_hits(text: str) -> Iterable[Hit]:
    for m in _ADDRESS.finditer(text):
        if m["number"].startswith("0") or _NOT_A_HOUSE_NUMBER.match(text, m.end("number")):
            continue
        yield Hit(m.start(), m.end(), PersonalDataKind.ADDRESS, m.group())


# --- the whole text ---------------------------------------------------------------------------------


def find_personal_data(text: str, *, today: dt.date | None = None) -> list[Hit]:
    """The personal data in `text`, in the order it stands, no two hits overlapping."""
    if not text or not any(ch.isdigit() or ch == "@" for ch in text):
        return []  # every kind holds a digit or an at sign: most descriptions end here
    found = [
        *_identity_hits(text, today or dt.date.today()),
        *_email_hits(text),
        *_phone_hits(text),
        *_plate_hits(text),
        *_address_hits(text),
    ]
    found.sort(key=lambda hit: (_PRIORITY[hit.kind], -(hit.end - hit.start), hit.start))
    kept: list[Hit] = []
    for hit in found:
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    return sorted(kept)


def replace_hits(text: str, hits: Sequence[Hit]) -> str:
    """`text` with every hit replaced by its kind's placeholder ("[personnummer]" and so on)."""
    parts: list[str] = []
    at = 0
    for hit in sorted(hits):
        if hit.start < at:
            continue  # overlapping hits (not from find_personal_data): the first one replaced wins
        parts += [text[at : hit.start], hit.placeholder]
        at = hit.end
    parts.append(text[at:])
    return "".join(parts)

"""The personal-data guard (app/privacy) measured on a corpus the tests build: every valid personnummer
and samordningsnummer form caught, look-alikes not flagged, false alarms under 1 % on realistic
descriptions of events at places, each other kind, the replacement, and the checks for forms and
imports."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from app.privacy import Hit, PersonalDataKind, find_personal_data, replace_hits
from app.privacy.check import RowHit, check_texts, cleaned_texts, scan_rows

PNR = PersonalDataKind.PERSONNUMMER
SAMORD = PersonalDataKind.SAMORDNINGSNUMMER
IDENTITY = {PNR, SAMORD}
TODAY = dt.date(2026, 12, 4)


def luhn_check_digit(nine: str) -> str:
    """The check digit of a personnummer's nine digits (YYMMDDNNN), computed here by hand (not by stdnum)."""
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def test_the_tests_luhn_is_right():
    # Skatteverket's example 811218-9876, and the well-known test number 121212-1212
    assert luhn_check_digit("811218987") == "6"
    assert luhn_check_digit("121212121") == "2"


def number_forms(born: dt.date, serial: str, coordination: bool = False) -> list[str]:
    """Every way of writing one valid number: 12 or 10 digits, with "-", "+" or no separator."""
    day = born.day + 60 if coordination else born.day
    short = f"{born:%y%m}{day:02d}"
    check = luhn_check_digit(short + serial)
    tail = serial + check
    long = f"{born.year}{short[2:]}"
    forms = [f"{long}-{tail}", f"{long}{tail}", f"{short}-{tail}", f"{short}{tail}"]
    if born.year <= TODAY.year - 100:  # "+" marks the 10-digit form of someone aged 100 or more
        forms += [f"{short}+{tail}"]
    return forms


def valid_dates() -> list[dt.date]:
    rng = random.Random(17)
    start, end = dt.date(1900, 1, 1), dt.date(2025, 12, 31)
    dates = [start + dt.timedelta(days=rng.randrange((end - start).days)) for _ in range(400)]
    # the edges of months and years, leap days
    dates += [dt.date(2000, 2, 29), dt.date(1964, 2, 29), dt.date(1999, 12, 31), dt.date(2001, 1, 1)]
    dates += [dt.date(1987, m, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31) for m in range(1, 13)]
    return dates


CONTEXTS = [
    "{n}",
    "Anmälare {n} ringde in.",
    "Anmälare {n}",
    "pnr: {n}, boende i området",
    "Personen ({n}) omhändertogs.",
    "Uppgiven identitet {n}.",
    "{n} ska kontaktas",
]


def identity_corpus() -> list[tuple[str, str, PersonalDataKind]]:
    rng = random.Random(1)
    corpus = []
    for born in valid_dates():
        for coordination in (False, True):
            serial = f"{rng.randrange(1000):03d}"
            for form in number_forms(born, serial, coordination):
                text = rng.choice(CONTEXTS).format(n=form)
                corpus.append((text, form, SAMORD if coordination else PNR))
    return corpus


def test_every_valid_personnummer_and_samordningsnummer_form_is_caught():
    corpus = identity_corpus()
    missed = []
    for text, number, kind in corpus:
        hits = find_personal_data(text, today=TODAY)
        if [(h.kind, h.matched) for h in hits] != [(kind, number)]:
            missed.append((text, hits))
    rate = 1 - len(missed) / len(corpus)
    print(f"\npersonnummer/samordningsnummer caught: {rate:.2%} of {len(corpus)} forms")
    assert not missed, missed[:5]
    assert len(corpus) > 3000


def test_the_issues_example_is_caught():
    hits = find_personal_data("Anmälare 19121212-1212")
    assert [(h.kind, h.matched) for h in hits] == [(PNR, "19121212-1212")]
    assert hits[0].start == len("Anmälare ")
    assert hits[0].end == len("Anmälare 19121212-1212")


def identity_kinds(text: str) -> list[Hit]:
    return [h for h in find_personal_data(text, today=TODAY) if h.kind in IDENTITY]


def test_a_wrong_check_digit_is_no_personnummer():
    rng = random.Random(2)
    wrong = 0
    for born in valid_dates()[:150]:
        for coordination in (False, True):
            for form in number_forms(born, f"{rng.randrange(1000):03d}", coordination):
                right = form[-1]
                for digit in "0123456789":
                    if digit != right:
                        text = f"Anmälare {form[:-1]}{digit}"
                        assert identity_kinds(text) == [], text
                        wrong += 1
    assert wrong > 10000


def _with_check_digit(date_digits: str, serial: str = "123") -> str:
    """An impossible date made to pass the check digit, so that only the date check can refuse it."""
    short = date_digits[-6:]
    return f"{date_digits}-{serial}{luhn_check_digit(short + serial)}"


@pytest.mark.parametrize(
    "date_digits",
    [
        "851301",  # month 13
        "850001",  # month 0
        "850132",  # day 32
        "850100",  # day 0
        "850230",  # 30 February
        "850229",  # 29 February 1985
        "19850132",
        "19851301",
        "19000229",  # 1900 was no leap year
        "20260230",
        "850192",  # samordningsnummer day 92 = 32 + 60
        "850291",  # samordningsnummer 31 February
        "850491",  # samordningsnummer 31 April
        "20301201",  # a 12-digit birth date in the future
        "17991231",  # before any living person's
    ],
)
def test_impossible_dates_are_no_personnummer(date_digits):
    number = _with_check_digit(date_digits)
    assert identity_kinds(f"Anmälare {number}") == []
    assert identity_kinds(number.replace("-", "")) == []


def test_order_numbers_dates_and_other_numbers_are_no_personnummer():
    rng = random.Random(3)
    texts = []
    for _ in range(300):
        ten = f"{rng.randrange(10**10):010d}"
        twelve = f"{rng.randrange(10**12):012d}"
        texts += [
            f"Ordernummer {ten} gäller nya papperskorgar.",
            f"Order {twelve} levererad.",
            f"Fakturanr: {ten}",
            f"Ärendenummer {ten} hos Polisen",
            f"Beställning nr {ten} till driften",
            f"Diarienummer KS {rng.randrange(2020, 2027)}/{rng.randrange(1, 999)}",
            f"Polisens ärende 5000-K{rng.randrange(10**6):06d}-{rng.randrange(20, 27)}",
        ]
    # dates alone in every common form, and date with time
    day = dt.date(2020, 1, 1)
    while day < dt.date(2027, 1, 1):
        texts += [
            f"Händelsen {day.isoformat()} kl 22.15",
            f"Datum {day:%Y%m%d}",
            f"Datum {day:%y%m%d}",
            f"{day.day}/{day.month} {day.year}",
            f"{day:%d.%m.%Y}",
            f"{day:%Y-%m-%d %H:%M}",
        ]
        day += dt.timedelta(days=3)
    flagged = [t for t in texts if identity_kinds(t)]
    assert flagged == []


FOREIGN_PHONES = [
    "+47 912 34 567",
    "+47 91234567",
    "+4791234567",
    "+47 22 12 34 56",
    "+45 20 12 34 56",
    "+4520123456",
    "+45 3312 3456",
    "+1 212 555 0123",
    "+1 (212) 555-0123",
    "+12125550123",
    "+1 2125550123",
    "+358 40 123 4567",
    "+358401234567",
    "+358 040 123 4567",
    "+44 20 7946 0958",
    "+44 (0)20 7946 0958",
    "+49 30 12345678",
    "+49 030 12345678",
    "0047 912 34 567",
    "0045 20 12 34 56",
]


@pytest.mark.parametrize("number", FOREIGN_PHONES)
def test_foreign_phone_numbers_are_neither_personnummer_nor_swedish_phones(number):
    for text in (number, f"Ring {number} vid frågor", f"Anmälaren nås på {number}."):
        hits = find_personal_data(text, today=TODAY)
        assert [h for h in hits if h.kind in IDENTITY | {PersonalDataKind.PHONE}] == [], (text, hits)


# --- the false alarms on realistic descriptions ------------------------------------------------------

PLACES = [
    "Märsta station",
    "Märsta centrum",
    "Valsta centrum",
    "Steningehöjden",
    "Sigtuna stadskärna",
    "Rosersbergs station",
    "Arlanda",
    "Stora torget",
    "Centralplan",
    "Ekillaskolan",
    "Valstaskolan",
    "Märsta idrottsplats",
    "Midgårdsskolan",
    "Norrbackaskolan",
    "Tingvalla",
    "Sätuna",
    "Skepptuna",
    "Märstaån",
    "Folkparken",
    "Steningedalen",
    "Broby",
    "busshållplatsen vid Märsta station",
    "pendeltågsperrongen",
    "gångtunneln under Stockholmsvägen",
    "cykelvägen längs Märstaån",
    "parkeringen vid Kvarnbacken",
    "lekplatsen i Valsta",
    "skateparken",
    "fritidsgården",
    "Kulturhuset",
    "biblioteket",
    "simhallen",
    "Ica Maxi",
    "Coop Forum",
    # streets as places, without a house number
    "Storgatan",
    "Stockholmsvägen",
    "Södergatan",
    "Drottning Kristinas väg",
    "Stora gatan",
    "Kvarnbacken",
    "Tingvallavägen",
]
EVENTS = [
    "Klotter på",
    "Skadegörelse vid",
    "Nedskräpning vid",
    "Trasig belysning vid",
    "Krossad glasruta vid",
    "Bilbrand på",
    "Brand i soptunna vid",
    "Oro bland boende kring",
    "Störande ungdomsgäng vid",
    "Narkotikaförsäljning misstänks vid",
    "Stöld av cyklar vid",
    "Inbrott i förråd vid",
    "Bråk mellan ungdomar vid",
    "Hot mot personal på",
    "Misshandel utanför",
    "Mopedåkning på gångbanan vid",
    "Fyrverkerier avfyrades vid",
    "Nedklottrad busskur vid",
    "Trasigt staket vid",
    "Övergiven bil på",
]
COUNTS = [
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "tio",
    "ett tjugotal",
    "2",
    "3",
    "4",
    "5",
    "7",
    "8",
    "12",
    "15",
    "20",
    "30",
]
GROUPS = ["ungdomar", "personer", "unga vuxna", "vuxna", "elever", "män", "pojkar", "flickor"]
BUSES = ["583", "570", "575", "579", "580", "582", "583", "584", "587", "801", "802", "803", "883"]
ROADS = ["E4", "väg 263", "väg 273", "länsväg 263", "riksväg 77", "E4:an", "väg 255"]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def _time(rng: random.Random) -> str:
    h, m = rng.randrange(24), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    return rng.choice([f"{h:02d}.{m:02d}", f"{h}.{m:02d}", f"{h:02d}:{m:02d}", f"{h}"])


def _date(rng: random.Random) -> str:
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    return rng.choice(
        [
            day.isoformat(),
            f"{day.day}/{day.month}",
            f"den {day.day} {rng.choice(['jan', 'mars', 'maj', 'nov'])}",
            f"{day:%Y%m%d}",
        ]
    )


TEMPLATES = [
    "{event} {place}.",
    "{event} {place} kl {time}.",
    "{event} {place} natten mot {weekday}.",
    "{count} {group} samlades vid {place} kl {time}.",
    "{count} {group} samlades vid {place} kl {time}, flera rökte och spelade hög musik.",
    "{event} {place} {date}, anmält till Polisen.",
    "Trasig belysning längs gångvägen vid {place}, rapporterat till driften {date}.",
    "Klotter på busshållplatsen vid {place}, ca {area} kvm.",
    "Ungdomar kastade sten på buss {bus} vid {place} kl {time}.",
    "Buss {bus} stenkastades vid {place}, föraren oskadd.",
    "Linje {bus} leds om förbi {place} {date} mellan {time} och {time2}.",
    "Trafikolycka på {road} i höjd med {place}, {count} bilar inblandade.",
    "Bilbrand på parkeringen vid {road}, {count} fordon skadade.",
    "Skadegörelse för ca {sum} kr på {place}.",
    "Kostnad för sanering av klotter: {sum} kronor.",
    "Saneringen kostade {sum} kr, faktura skickad till fastighetsägaren.",
    "Ny kamerabevakning vid {place} sedan {date}, {count} kameror.",
    "{count} anmälningar om cykelstölder vid {place} under vecka {week}.",
    "Väktare på plats {weekday}ar {time}–{time2} vid {place}.",
    "Order {order} lagd på nya papperskorgar till {place}.",
    "Trygghetsvandring vid {place} {date} med {count} deltagare, {count2} brister noterade.",
    "Larm kl {time} om brand i containern vid {place}; räddningstjänsten på plats {time2}.",
    "Ökad narkotikaförsäljning rapporteras kring {place} sedan v. {week}.",
    "Belysningen vid {place} släckt, {count} stolpar ur funktion, felanmält {date}.",
    "Fönster krossat på {place}, {count} rutor, ca {sum}:- i skada.",
    "Fyrverkerier avfyrades mot personer vid {place} kl {time} på nyårsafton.",
    "{event} {place} och på {road}, {count} händelser senaste veckan.",
    "Polisen genomförde {count} kontroller vid {place} {date} kl {time}.",
    "Störningar i trapphuset i {place}, {count} klagomål från grannar under {month}.",
    "Inbrott i {count} förråd i källaren vid {place}, natten till {date}.",
    "Mopedister körde på gångbanan vid {place}, hastighet ca {speed} km/h.",
    "Åtgärd {order2}: bättre belysning vid {place}, klart vecka {week}.",
    "Statistik: {count} händelser i januari, {count2} i februari vid {place}.",
    "Samverkan med fastighetsägaren om {place}, möte {date} kl {time}.",
    "Rapporterat i Polisens system {date}, {count} personer avvisade från {place}.",
    "Klotter på fasaden längs {place}, ca {area} kvm, sanerat {date}.",
    "Bilbrand på {place} {date} kl {time}, {count} bilar totalförstörda.",
    "Hastighetsmätning på {place}: {count} av {count2} fordon körde över {speed}.",
    "{count} {group} på {place} {time}–{time2}, stökigt men inga brott.",
]


def descriptions(n: int) -> list[str]:
    rng = random.Random(42)
    out = []
    for i in range(n):
        template = TEMPLATES[i % len(TEMPLATES)]
        out.append(
            template.format(
                event=rng.choice(EVENTS),
                place=rng.choice(PLACES),
                time=_time(rng),
                time2=_time(rng),
                date=_date(rng),
                weekday=rng.choice(WEEKDAYS),
                count=rng.choice(COUNTS),
                count2=rng.choice(COUNTS),
                group=rng.choice(GROUPS),
                bus=rng.choice(BUSES),
                road=rng.choice(ROADS),
                sum=rng.choice(["500", "1 200", "15 000", "2500", "12 000", "350 000", "1200"]),
                area=rng.choice(["5", "10", "25", "40"]),
                week=rng.randrange(1, 53),
                order=f"{rng.randrange(10**5, 10**9)}",
                order2=f"{rng.randrange(2024, 2027)}-{rng.randrange(1, 300):03d}",
                month=rng.choice(["januari", "mars", "oktober"]),
                speed=rng.choice(["30", "45", "60"]),
            )
        )
    return out


def test_false_alarms_on_descriptions_of_events_at_places_are_under_one_percent():
    corpus = descriptions(3000)
    assert len(set(corpus)) > 2500
    alarms = [(text, find_personal_data(text, today=TODAY)) for text in corpus]
    alarms = [(text, hits) for text, hits in alarms if hits]
    rate = len(alarms) / len(corpus)
    print(f"\nfalse alarms: {len(alarms)} of {len(corpus)} descriptions ({rate:.2%})")
    for text, hits in alarms[:10]:
        print("  ", text, [h.matched for h in hits])
    assert rate < 0.01


# --- the other kinds ---------------------------------------------------------------------------------


def kinds_found(text: str) -> list[tuple[PersonalDataKind, str]]:
    return [(h.kind, h.matched) for h in find_personal_data(text, today=TODAY)]


PHONE = PersonalDataKind.PHONE
EMAIL = PersonalDataKind.EMAIL
PLATE = PersonalDataKind.PLATE
ADDRESS = PersonalDataKind.ADDRESS


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ring 070-123 45 67 om det händer igen", "070-123 45 67"),
        ("tel 070 123 45 67", "070 123 45 67"),
        ("mobil 0701234567", "0701234567"),
        ("073-1234567", "073-1234567"),
        ("076-12 34 567.", "076-12 34 567"),
        ("nås på 08-123 456 78", "08-123 456 78"),
        ("08-12 34 56", "08-12 34 56"),
        ("018-12 34 56", "018-12 34 56"),
        ("0591-123 45", "0591-123 45"),
        ("+46 70 123 45 67", "+46 70 123 45 67"),
        ("+46701234567", "+46701234567"),
        ("+46 (0)70-123 45 67", "+46 (0)70-123 45 67"),
        ("0046 8 123 456 78", "0046 8 123 456 78"),
        ("+46 8 591 262 00", "+46 8 591 262 00"),
        ("+46 070-123 45 67", "+46 070-123 45 67"),
        ("0046 070 123 45 67", "0046 070 123 45 67"),
    ],
)
def test_swedish_phone_numbers(text, found):
    assert kinds_found(text) == [(PHONE, found)]


@pytest.mark.parametrize(
    "text",
    [
        "kl 08-10 och 14-16",
        "mellan 09.15 och 10.30",
        "kl 09.15-10.30",
        "2026-05-03 1230",
        "03.11.2026",
        "1 200 kr",
        "buss 583 kl 22.15",
        "112",
        "Ring 112 vid fara",
        "070-123",  # too short
        "070-123 45 67 89",  # too long for a mobile number
    ],
)
def test_no_phone_numbers(text):
    assert [k for k, _ in kinds_found(text) if k is PHONE] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kontakt anna.svensson@example.se", "anna.svensson@example.se"),
        ("mejla kalle_k+lagesbild@mail.sigtuna.se.", "kalle_k+lagesbild@mail.sigtuna.se"),
        ("<sören@exempel.nu>", "sören@exempel.nu"),
    ],
)
def test_email_addresses(text, found):
    assert kinds_found(text) == [(EMAIL, found)]


@pytest.mark.parametrize("text", ["@kommunen 12", "träff kl 22@torget", "a@b", "skicka till trygghet@"])
def test_no_email_addresses(text):
    assert [k for k, _ in kinds_found(text) if k is EMAIL] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bil ABC 123 stod parkerad", "ABC 123"),
        ("reg.nr ABC123", "ABC123"),
        ("en Volvo, XYZ 12A, körde", "XYZ 12A"),
        ("MLB 45E sågs", "MLB 45E"),
    ],
)
def test_registration_plates(text, found):
    assert kinds_found(text) == [(PLATE, found)]


@pytest.mark.parametrize(
    "text",
    [
        "AIQ 123",  # I, Q and V are not used
        "ABV 123",
        "ABC 12O",  # the last letter is never O
        "abc 123",  # lowercase: a word and a number
        "tel 070",
        "SEK 500",
        "SMS 112",
        "SOS 112",
        "ABCD 123",
        "AB 123",
        "ABC 1234",
        "buss 583",
        "E4",
    ],
)
def test_no_registration_plates(text):
    assert [k for k, _ in kinds_found(text) if k is PLATE] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bor på Storgatan 5, Märsta", "Storgatan 5"),
        ("Stora gatan 12B", "Stora gatan 12B"),
        ("Stora gatan 12 B", "Stora gatan 12 B"),
        ("Gamla vägen 3", "Gamla vägen 3"),
        ("Märstavägen 41", "Märstavägen 41"),
        ("storgatan 5", "storgatan 5"),
        ("Kvarnbacken 3A", "Kvarnbacken 3A"),
        ("Tingvallagränd 7", "Tingvallagränd 7"),
        ("Ekstigen 12", "Ekstigen 12"),
        ("Stortorget 3", "Stortorget 3"),
        ("Centralplan 1", "Centralplan 1"),
        ("Lindallén 9", "Lindallén 9"),
        ("Norrleden 101", "Norrleden 101"),
        ("Skolgången 2", "Skolgången 2"),
    ],
)
def test_street_addresses(text, found):
    assert kinds_found(text) == [(ADDRESS, found)]


@pytest.mark.parametrize(
    "text",
    [
        "väg 263",
        "länsväg 263",
        "Längs väg 263",
        "våningsplan 3",
        "Storgatan 22.15",
        "Storgatan 5 personer",
        "Storgatan kl 22",
        "sista gången 3",
        "Stora torget, 5 personer",
        "Storgatan 2026",
        "Stockholmsvägen 0",
    ],
)
def test_no_street_addresses(text):
    assert [k for k, _ in kinds_found(text) if k is ADDRESS] == []


def test_overlapping_findings_keep_the_strongest():
    # an unbroken mobile number that is also a valid personnummer (born 2007): one hit, the personnummer
    number = "070123" + "456"
    number += luhn_check_digit(number)
    hits = find_personal_data(f"ring {number}", today=TODAY)
    assert [(h.kind, h.matched) for h in hits] == [(PNR, number)]


def test_labels_and_placeholders():
    assert {k.placeholder for k in PersonalDataKind} == {
        "[personnummer]",
        "[samordningsnummer]",
        "[telefonnummer]",
        "[e-post]",
        "[registreringsnummer]",
        "[adress]",
    }
    assert all(k.label for k in PersonalDataKind)


# --- replacing --------------------------------------------------------------------------------------


def test_replace_hits():
    text = (
        "Anmälare 19121212-1212, tel 070-123 45 67, anna@example.se, bil ABC 123, bor Storgatan 5. "
        "Fem ungdomar vid Valsta centrum kl 22.15."
    )
    hits = find_personal_data(text, today=TODAY)
    assert [h.kind for h in hits] == [PNR, PHONE, EMAIL, PLATE, ADDRESS]
    assert all(text[h.start : h.end] == h.matched for h in hits)
    assert replace_hits(text, hits) == (
        "Anmälare [personnummer], tel [telefonnummer], [e-post], bil [registreringsnummer], bor [adress]. "
        "Fem ungdomar vid Valsta centrum kl 22.15."
    )
    assert find_personal_data(replace_hits(text, hits)) == []
    assert replace_hits(text, []) == text


def test_replace_hits_of_a_samordningsnummer():
    hits = find_personal_data("Id 121272-1219?", today=TODAY)
    assert [h.kind for h in hits] == [SAMORD]
    assert replace_hits("Id 121272-1219?", hits) == "Id [samordningsnummer]?"


# --- forms and imports ------------------------------------------------------------------------------


def test_check_texts_names_only_the_fields_with_hits():
    fields = {"description": "Anmälare 121212-1212", "notes": "Klotter vid Märsta station kl 22.15", "empty": ""}
    found = check_texts(fields)
    assert list(found) == ["description"]
    assert [h.matched for h in found["description"]] == ["121212-1212"]
    assert cleaned_texts(fields, found) == {
        "description": "Anmälare [personnummer]",
        "notes": "Klotter vid Märsta station kl 22.15",
        "empty": "",
    }
    assert check_texts({}) == {}


def test_scan_rows_lists_each_hit_by_row_and_column():
    rows = [
        (2, {"Beskrivning": "Klotter kl 22.15", "Plats": "Märsta station"}),
        (3, {"Beskrivning": "Ring 070-123 45 67 eller 08-123 456 78", "Plats": "Valsta centrum"}),
        (4, {"Beskrivning": "", "Plats": "Storgatan 5"}),
    ]
    found = scan_rows(rows)
    assert [(r.row, r.column, r.hit.kind, r.hit.matched) for r in found] == [
        (3, "Beskrivning", PHONE, "070-123 45 67"),
        (3, "Beskrivning", PHONE, "08-123 456 78"),
        (4, "Plats", ADDRESS, "Storgatan 5"),
    ]
    assert all(isinstance(r, RowHit) for r in found)


def test_hits_stand_where_they_say_in_order_and_never_overlap():
    rng = random.Random(9)
    alphabet = "0123456789    --++..,,:/()@abcABCXYZåäöStorgatan vägen +46 070 19 "
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80))) for _ in range(3000)]
    texts += [text for text, _number, _kind in identity_corpus()[:500]]
    for text in texts:
        hits = find_personal_data(text, today=TODAY)
        assert hits == sorted(hits)
        for hit in hits:
            assert text[hit.start : hit.end] == hit.matched and hit.matched
        for before, after in itertools.pairwise(hits):
            assert before.end <= after.start
        cleaned = replace_hits(text, hits)
        assert all(hit.placeholder in cleaned for hit in hits)

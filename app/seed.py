"""Reference data every new database starts with: the three organisations, the agreement's four
samverkansområden and their event categories. Places live in the demo data set, since they are local."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import AgreementPeriod, Area, Category, Organisation

ORGANISATIONS = (
    ("Sigtuna kommun", "Kommunen"),
    ("Polisen, lokalpolisområde Sollentuna", "Polisen"),
    ("Attunda räddningstjänst", "Räddningstjänsten"),
)

AREAS = (
    (
        "Otrygga platser",
        "Insatser mot våldsbrott, narkotikabrott, ordningsstörningar och hotfulla beteenden på de platser "
        "som lägesbilden visar är otryggast.",
    ),
    (
        "Ungdomsgäng",
        "Insatser mot ordningsstörningar i framför allt ungdomssamlingar, skadegörelse och trafikbrott "
        "(till exempel mopeder och bilar).",
    ),
    (
        "Kriminella nätverk",
        "Insatser som hindrar kriminella nätverk från att etablera sig i kommunen och mot kriminella som "
        "vistas i ungdomsmiljöer.",
    ),
    (
        "Tystnadskultur",
        "Insatser för att bryta tystnadskulturer i grupper med låg anmälningsbenägenhet och lågt förtroende "
        "för de myndigheter som utreder brott och upprätthåller allmän ordning.",
    ),
)

# (code, name, area name or None, parent code or None)
CATEGORIES = (
    ("VALD", "Våldsbrott", "Otrygga platser", None),
    ("RAN", "Rån och personrån", "Otrygga platser", "VALD"),
    ("NARK", "Narkotikabrott", "Otrygga platser", None),
    ("ORDN", "Ordningsstörning", "Otrygga platser", None),
    ("HOT", "Hotfullt beteende", "Otrygga platser", None),
    ("UNGS", "Störande ungdomssamling", "Ungdomsgäng", None),
    ("SKAD", "Skadegörelse", "Ungdomsgäng", None),
    ("KLOT", "Klotter", "Ungdomsgäng", "SKAD"),
    ("TRAF", "Trafikbrott (moped, bil)", "Ungdomsgäng", None),
    ("NATV", "Nätverksetablering", "Kriminella nätverk", None),
    ("REKR", "Kriminella i ungdomsmiljö", "Kriminella nätverk", None),
    ("HOTV", "Hot mot vittne eller anmälare", "Tystnadskultur", None),
    ("OANM", "Händelse som inte anmäls", "Tystnadskultur", None),
    ("BRAND", "Anlagd brand", None, None),
    ("BELY", "Trasig belysning", None, None),
    ("NEDS", "Nedskräpning", None, None),
)


def seed_reference_data(session: Session, today: dt.date | None = None) -> None:
    """Insert organisations, agreement period, areas and categories unless they exist (idempotent)."""
    today = today or dt.date.today()
    if session.scalar(sa.select(sa.func.count()).select_from(Organisation)):
        return
    for name, short in ORGANISATIONS:
        session.add(Organisation(name=name, short_name=short))
    period = AgreementPeriod(
        name=f"Samverkansöverenskommelse {today.year - 1}–{today.year + 2}",
        starts_on=dt.date(today.year - 1, 1, 1),
        ends_on=dt.date(today.year + 2, 12, 31),
        description="Överenskommelse mellan Sigtuna kommun och Polismyndigheten, lokalpolisområde Sollentuna.",
    )
    session.add(period)
    areas = {}
    for order, (name, description) in enumerate(AREAS, start=1):
        areas[name] = Area(name=name, description=description, sort_order=order, agreement_period=period)
        session.add(areas[name])
    categories: dict[str, Category] = {}
    for code, name, area_name, parent_code in CATEGORIES:
        categories[code] = Category(
            code=code,
            name=name,
            area=areas[area_name] if area_name else None,
            parent=categories[parent_code] if parent_code else None,
        )
        session.add(categories[code])
    session.flush()

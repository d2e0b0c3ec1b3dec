"""Reference data every new database starts with: the three organisations, the agreement's four
samverkansområden and their event categories. Places live in the demo data set, since they are local."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import AgreementPeriod, Area, Category, CategoryArea, Organisation
from app.domain.vocabulary import OrganisationKind

ORGANISATIONS = (
    ("Sigtuna kommun", "Kommunen", OrganisationKind.MUNICIPALITY),
    ("Polisen, lokalpolisområde Sollentuna", "Polisen", OrganisationKind.POLICE),
    ("Attunda räddningstjänst", "Räddningstjänsten", OrganisationKind.RESCUE_SERVICE),
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
    """Insert whichever organisations, areas and categories are missing (by name or code); idempotent."""
    today = today or dt.date.today()
    existing_orgs = set(session.scalars(sa.select(Organisation.name)))
    for name, short, kind in ORGANISATIONS:
        if name not in existing_orgs:
            session.add(Organisation(name=name, short_name=short, kind=kind))
    # The newest agreement period's areas, by name.
    newest = sa.select(AgreementPeriod.id).order_by(AgreementPeriod.starts_on.desc()).limit(1).scalar_subquery()
    areas = {a.name: a for a in session.scalars(sa.select(Area).where(Area.agreement_period_id == newest))}
    if not areas:
        period = AgreementPeriod(
            name=f"Samverkansöverenskommelse {today.year - 1}–{today.year + 2}",
            starts_on=dt.date(today.year - 1, 1, 1),
            ends_on=dt.date(today.year + 2, 12, 31),
            description="Överenskommelse mellan Sigtuna kommun och Polismyndigheten, lokalpolisområde Sollentuna.",
        )
        session.add(period)
        for order, (name, description) in enumerate(AREAS, start=1):
            areas[name] = Area(name=name, description=description, sort_order=order, agreement_period=period)
            session.add(areas[name])
    # Areas are data the office may rename; categories only attach to areas still known by name.
    categories = {c.code: c for c in session.scalars(sa.select(Category))}
    for code, name, area_name, parent_code in CATEGORIES:
        if code in categories:
            continue
        categories[code] = Category(code=code, name=name, parent=categories.get(parent_code) if parent_code else None)
        session.add(categories[code])
        area = areas.get(area_name) if area_name else None
        if area is not None:
            session.flush()
            session.add(
                CategoryArea(
                    agreement_period_id=area.agreement_period_id, category_id=categories[code].id, area_id=area.id
                )
            )
    session.flush()

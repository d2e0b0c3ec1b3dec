"""The display name of every field of the domain, in one place: the forms, the tables, the audit trail and the
management report name a field the same way (the vocabularies' values are labelled in vocabulary.py).

A form's label is this name with a mnemonic ("&Cause"); a table's column heading, a report's header
cell and the audit trail's field name are this name as it is.
"""

from __future__ import annotations

from app.i18n import N_, _

# Names of the fields the audit trail records (column and link names of app/db/models.py).
_FIELDS = {
    "action_id": N_("Action"),
    "active": N_("Active"),
    "agreement_period_id": N_("Agreement period"),
    "area_id": N_("Area"),
    "author_id": N_("Written by"),
    "baseline_period": N_("Baseline period"),
    "baseline_value": N_("Baseline value"),
    "category_id": N_("Event type"),
    "cause": N_("Cause"),
    "classification": N_("Visible to"),
    "code": N_("Code"),
    "completed_on": N_("Completed"),
    "cost_spent": N_("Cost spent (SEK)"),
    "count": N_("Number"),
    "created_at": N_("Created"),
    "created_by_id": N_("Created by"),
    "data_source": N_("Data source"),
    "deadline": N_("Deadline"),
    "decisions": N_("Decisions"),
    "description": N_("Description"),
    "direction": N_("Direction"),
    "display_name": N_("Full name"),
    "district": N_("District"),
    "ends_on": N_("Ends on"),
    "entry_date": N_("Date"),
    "expected_effect": N_("Expected effect"),
    "follow_up_colour": N_("Follow-up colour"),
    "forum": N_("Forum"),
    "frequency": N_("Frequency"),
    "held_on": N_("Held on"),
    "hours_spent": N_("Hours spent"),
    "id": N_("Id"),
    "import_key": N_("Import key"),
    "indicator_id": N_("Indicator"),
    "kind": N_("Kind"),
    "lagesbild_snapshot": N_("Lägesbild at the meeting"),
    "last_login_at": N_("Last sign-in"),
    "latitude": N_("Latitude"),
    "littering": N_("Littering"),
    "longitude": N_("Longitude"),
    "meeting_id": N_("Meeting"),
    "name": N_("Name"),
    "new_status": N_("New status"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    "occurred_on": N_("Date"),
    "occurred_time": N_("Time"),
    "old_status": N_("Previous status"),
    "operative_goal": N_("Operative goal"),
    "organisation_id": N_("Organisation"),
    "parent_id": N_("Parent event type"),
    "period_start": N_("Period"),
    "place_id": N_("Place"),
    "place_type": N_("Type of place"),
    "poor_lighting": N_("Poor lighting"),
    "poor_sightlines": N_("Poor sightlines"),
    "prevention_type": N_("Prevention"),
    "problem": N_("Problem"),
    "reported_at": N_("Reported"),
    "reported_by_id": N_("Reported by"),
    "reported_to_police": N_("Reported to the police"),
    "responsible_organisation_id": N_("Responsible organisation"),
    "responsible_person": N_("Responsible person"),
    "role": N_("Role"),
    "secluded": N_("Secluded"),
    "setting": N_("Indoors/outdoors"),
    "short_name": N_("Short name"),
    "signed_by": N_("Signed by"),
    "signed_on": N_("Signed on"),
    "sort_order": N_("Order"),
    "source": N_("Source"),
    "start_on": N_("Start"),
    "starts_on": N_("Starts on"),
    "status": N_("Status"),
    "target_value": N_("Target value"),
    "text": N_("Text"),
    "title": N_("Title"),
    "unit": N_("Unit"),
    "updated_at": N_("Updated"),
    "username": N_("Username"),
    "value": N_("Value"),
    "verified": N_("Verified"),
    "areas": N_("Areas"),
    "places": N_("Places"),
    "indicators": N_("Indicators"),
    "organisations": N_("Organisations present"),
    "focus_places": N_("Places in focus"),
    "actions": N_("Actions followed up"),
    "password": N_("Password"),
    "version": N_("Version"),
}


# Fields whose name means something else in one table: (table, field) -> name.
_TABLE_FIELDS = {
    ("organisation", "kind"): N_("Kind of organisation"),  # "kind" elsewhere is an action's kind
}


def field_label(name: str, table: str = "") -> str:
    """Display name of a field (of `table`, where a table names it its own way); an unknown one (a
    column added later) shows as it is stored."""
    source = _TABLE_FIELDS.get((table, name)) or _FIELDS.get(name)
    return _(source) if source else name

"""Importing observations, measurements, places and event types from Excel (.xlsx): templates, a problem preview, all-or-nothing saving.

Headless: the GUI's import dialog and the command line both call these functions.
"""

from __future__ import annotations

from app.imports.categories import import_categories, preview_categories
from app.imports.measurements import import_measurements, preview_measurements
from app.imports.observations import import_observations, preview_observations
from app.imports.places import import_places, preview_places
from app.imports.problems import (
    ImportKind,
    ImportPreview,
    ImportProblem,
    ImportRejected,
    ImportResult,
    ValidCategory,
    ValidMeasurement,
    ValidObservation,
    ValidPlace,
    describe,
)
from app.imports.template import (
    write_category_template,
    write_measurement_template,
    write_observation_template,
    write_place_template,
)

__all__ = [
    "ImportKind",
    "ImportPreview",
    "ImportProblem",
    "ImportRejected",
    "ImportResult",
    "ValidCategory",
    "ValidMeasurement",
    "ValidObservation",
    "ValidPlace",
    "describe",
    "import_categories",
    "import_measurements",
    "import_observations",
    "import_places",
    "preview_categories",
    "preview_measurements",
    "preview_observations",
    "preview_places",
    "write_category_template",
    "write_measurement_template",
    "write_observation_template",
    "write_place_template",
]

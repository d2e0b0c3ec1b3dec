"""Importing observations and measurements from Excel (.xlsx): templates, a problem preview, all-or-nothing saving.

Headless: the GUI's import dialog and the command line both call these functions.
"""

from __future__ import annotations

from app.imports.measurements import import_measurements, preview_measurements
from app.imports.observations import import_observations, preview_observations
from app.imports.problems import (
    ImportKind,
    ImportPreview,
    ImportProblem,
    ImportRejected,
    ImportResult,
    ValidMeasurement,
    ValidObservation,
    describe,
)
from app.imports.template import write_measurement_template, write_observation_template

__all__ = [
    "ImportKind",
    "ImportPreview",
    "ImportProblem",
    "ImportRejected",
    "ImportResult",
    "ValidMeasurement",
    "ValidObservation",
    "describe",
    "import_measurements",
    "import_observations",
    "preview_measurements",
    "preview_observations",
    "write_measurement_template",
    "write_observation_template",
]

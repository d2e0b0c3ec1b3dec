"""Importing observations, measurements, places and event types from Excel (.xlsx): templates, a problem preview, all-or-nothing saving.

Headless: the GUI's import dialog and the command line both call these functions.

Each name loads its module on first use (PEP 562), so that a module needing one piece of the
package (e.g. app.imports.columns) does not load the importers and openpyxl with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME = {
    "import_categories": "app.imports.categories",
    "preview_categories": "app.imports.categories",
    "import_measurements": "app.imports.measurements",
    "preview_measurements": "app.imports.measurements",
    "import_observations": "app.imports.observations",
    "preview_observations": "app.imports.observations",
    "import_places": "app.imports.places",
    "preview_places": "app.imports.places",
    "ImportKind": "app.imports.problems",
    "ImportPreview": "app.imports.problems",
    "ImportProblem": "app.imports.problems",
    "ImportRejected": "app.imports.problems",
    "ImportResult": "app.imports.problems",
    "ValidCategory": "app.imports.problems",
    "ValidMeasurement": "app.imports.problems",
    "ValidObservation": "app.imports.problems",
    "ValidPlace": "app.imports.problems",
    "describe": "app.imports.problems",
    "write_category_template": "app.imports.template",
    "write_measurement_template": "app.imports.template",
    "write_observation_template": "app.imports.template",
    "write_place_template": "app.imports.template",
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value

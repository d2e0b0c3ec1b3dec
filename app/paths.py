"""The one helper that finds bundled resources, in a source tree, an installed wheel or the frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """Folder that holds icons, translations, style sheets and the demo data set."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

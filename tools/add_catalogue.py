"""Maintainer tool: merge English -> Swedish pairs into resources/i18n/app_sv.json, keeping its format.

    python tools/add_catalogue.py NEW.json

NEW.json is a flat object of new entries; existing keys are replaced. The catalogue stays sorted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "app_sv.json"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    current = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    current.update(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    # Written beside the catalogue and renamed over it, so a reader never sees half a file.
    temporary = CATALOGUE.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(dict(sorted(current.items())), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, CATALOGUE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

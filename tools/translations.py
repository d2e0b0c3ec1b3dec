"""Maintainer tool: refresh the Qt translation source from ui/ and compile it.

    python tools/translations.py            # lupdate ui/ -> resources/i18n/trygghetscenter_sv.ts, then lrelease
    python tools/translations.py --check    # fail if a string is untranslated or the .qm is out of date

Translate new strings in the .ts file with Qt Linguist (pyside6-linguist) or by editing the XML.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "trygghetscenter_sv.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def untranslated(ts: Path = TS) -> list[tuple[str, str]]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((name, message.findtext("source")))
    return missing


def update() -> None:
    subprocess.run(
        [tool("lupdate"), *sources(), "-ts", str(TS), "-source-language", "en", "-target-language", "sv", "-no-obsolete"],
        cwd=ROOT,
        check=True,
    )
    release(QM)


def release(target: Path) -> None:
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(target)], cwd=ROOT, check=True, capture_output=True)


def check() -> int:
    problems = [f"untranslated: [{ctx}] {text!r}" for ctx, text in untranslated()]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "check.ts"
        shutil.copy(TS, fresh)
        subprocess.run(
            [tool("lupdate"), *sources(), "-ts", str(fresh), "-source-language", "en", "-target-language", "sv", "-no-obsolete"],
            cwd=ROOT, check=True, capture_output=True,
        )
        problems += [f"not in the .ts yet: [{ctx}] {text!r}" for ctx, text in untranslated(fresh) if (ctx, text) not in untranslated()]
        compiled = Path(tmp) / "check.qm"
        release(compiled)
        if not QM.exists() or compiled.read_bytes() != QM.read_bytes():
            problems.append(f"{QM.name} is out of date: run python tools/translations.py")
    for line in problems:
        print(line)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        return check()
    update()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

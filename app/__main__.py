"""`python -m app`: the headless command line (no GUI; the `trygghetscenter` command adds the GUI)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

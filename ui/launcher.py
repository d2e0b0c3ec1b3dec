"""The `trygghetscenter` command: the headless command line, which starts the GUI when no command is given."""

from __future__ import annotations

from collections.abc import Sequence


def run_gui(database_url: str | None) -> int:
    # Qt is imported only when the window is wanted, so scripted exports do not pay for it.
    from ui.app import run

    return run(database_url)


def main(argv: Sequence[str] | None = None) -> int:
    # start-up: the command line loads neither Qt nor the windows, the GUI not the commands
    from app.cli import main as cli_main

    return cli_main(argv, gui=run_gui)


if __name__ == "__main__":
    raise SystemExit(main())

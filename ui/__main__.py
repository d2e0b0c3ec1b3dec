"""`python -m ui`: the same as the `trygghetscenter` command (and the frozen build's entry point)."""

from ui.launcher import main

raise SystemExit(main())

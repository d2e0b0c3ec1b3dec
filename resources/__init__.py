"""Bundled resources: translations, style sheets, icons and the demo data set (data files, no code)."""

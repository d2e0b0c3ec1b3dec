"""Trygghetscenter domain, data layer and services; runs without Qt (command line, exports, tests)."""

__version__ = "0.1.0"

"""Qt user interface: widgets and models that call app services and issue no SQL."""

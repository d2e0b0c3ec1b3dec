"""Dialogs for registering and editing observations, actions, indicators and meetings."""

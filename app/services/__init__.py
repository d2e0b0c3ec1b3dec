"""Use cases: functions that take a session and an actor, do one thing, and return plain dataclasses."""

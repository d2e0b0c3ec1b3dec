"""The pages of the administration window (places, event types, samverkansområden, organisations)."""

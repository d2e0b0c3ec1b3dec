"""The demo data set: a deterministic, clearly fictitious Sigtuna lägesbild, åtgärdsplan and uppföljning.

The places, categories, indicators, actions and users are data (resources/demo/sigtuna.toml, read by
app/demo/data.py); app/demo/generator.py turns them into rows.
"""

from app.demo.generator import (
    MAX_OBSERVATIONS,
    DemoExistsError,
    DemoResult,
    DemoUser,
    create_demo,
    demo_password,
)

__all__ = ["MAX_OBSERVATIONS", "DemoExistsError", "DemoResult", "DemoUser", "create_demo", "demo_password"]

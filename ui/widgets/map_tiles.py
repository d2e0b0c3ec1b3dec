"""The background map of every map view: the desk's one tile fetcher (app/map/tiles.py), per the settings."""

from __future__ import annotations

from app.map import tiles
from ui.widgets.map_view import MapView


def attach_tiles(view: MapView, ctx) -> None:
    """Give `view` the desk's tiles and their attribution, or a plain background when the settings
    turn the background map off."""
    fetcher = ctx.map_tiles()
    if fetcher is None:
        view.set_tiles(None)
    else:
        view.set_tiles(fetcher.get, tiles.attribution(fetcher.source))

"""The background map of every map view: the desk's one tile fetcher (app/map/tiles.py), per the settings."""

from __future__ import annotations

from ui.widgets.map_view import MapView


def attach_tiles(view: MapView, ctx) -> None:
    """Give `view` the desk's tiles and their attribution, or a plain background when the settings
    turn the background map off."""
    # start-up: the tile module (urllib, the settings) loads when a map is first shown
    from app.map import tiles

    view.set_tiles(*tiles.background(ctx.map_tiles()))

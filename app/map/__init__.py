"""The lägesbild on a map: projection, symbols, density and background tiles, without Qt.

The Qt map view (ui/widgets/map_view.py) and the report's map picture (app/charts/map_chart.py) draw
from the same geometry and the same symbols, so the map on screen, in the report and in a meeting's
snapshot say the same thing.
"""

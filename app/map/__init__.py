"""The Lägesbild map without Qt: tiles from a tile server, kept in a disk cache."""

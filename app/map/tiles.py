"""Map tiles from a tile server (OpenStreetMap's by default), kept in a disk cache; no Qt, so the
map widget's worker threads and the headless Excel report share it.

OpenStreetMap's tile usage policy (https://operations.osmfoundation.org/policies/tiles/) is kept:
- every request carries a User-Agent naming the program and its version (`user_agent()`);
- tiles are cached on disk and reused: a tile younger than 7 days is served without asking the
  server, an older one is revalidated with If-Modified-Since (a 304 answer keeps it 7 more days);
- tiles are fetched only when the map shows them (`TileFetcher.get`, one tile at a time): nothing
  here downloads an area in bulk or prefetches;
- at most 2 requests are open at a time, over all threads and fetchers;
- after a failure to reach the server nothing is asked for 60 seconds (no retry storm); meanwhile
  cached tiles, stale or not, are used and the map draws its markers on a plain background.
The attribution the policy asks for is `attribution(source)`, which the map and every saved image show.

A broken network, server or disk never raises here: the tile is then None (or the cached copy).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

import platformdirs

from app import __version__
from app.config import APP_NAME, SETTINGS, Config, load_config
from app.i18n import N_, _

log = logging.getLogger(__name__)

DEFAULT_TILE_URL = str(SETTINGS["tile_url"].default)  # OpenStreetMap's standard tiles
OSM_ATTRIBUTION = N_("© OpenStreetMap contributors")
FRESH_SECONDS = 7 * 24 * 3600  # a cached tile is used without asking the server for this long
OFFLINE_SECONDS = 60.0  # after a failure to reach the server, nothing is asked for this long
TIMEOUT_SECONDS = 5.0
MAX_CONNECTIONS = 2  # the policy's limit of parallel requests
MAX_TILE_BYTES = 2 * 1024 * 1024  # a larger answer is not a tile
# One limit for the whole program, however many fetchers the map, its saved images and the report make.
_CONNECTIONS = threading.BoundedSemaphore(MAX_CONNECTIONS)


def user_agent() -> str:
    """The User-Agent of every tile request: the program, its version and what it is."""
    return f"Trygghetscenter/{__version__} (+Sigtuna kommun safety office desktop app)"


@dataclass(frozen=True)
class TileSource:
    """Where tiles come from: `url` with {z}, {x} and {y}; `attribution` the credit shown with them
    (empty: OpenStreetMap's); `enabled` False means no background map at all."""

    url: str
    attribution: str = ""
    enabled: bool = True
    max_zoom: int = 19
    user_agent: str = field(default_factory=user_agent)

    def tile_url(self, z: int, x: int, y: int) -> str:
        return self.url.format(z=z, x=x, y=y)

    @property
    def key(self) -> str:
        """A short name of the url template: each tile server has its own folder in the cache."""
        return hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:16]


def attribution(source: TileSource) -> str:
    """The credit to show on the map and in saved images, in the current language."""
    return source.attribution or _(OSM_ATTRIBUTION)


def tile_source(config: Config | None = None) -> TileSource:
    """The tile source as the settings ([map] tiles, tile_url, tile_attribution) describe it; an
    empty tile_url means OpenStreetMap's."""
    config = config or load_config()
    return TileSource(
        url=config.get_str("tile_url").strip() or DEFAULT_TILE_URL,
        attribution=config.get_str("tile_attribution").strip(),
        enabled=config.get_bool("tiles"),
    )


@dataclass(frozen=True)
class CachedTile:
    data: bytes
    fresh: bool  # younger than the cache's freshness limit


class TileCache:
    """Tiles on disk, `root/<source key>/z/x/y.png` (root: the user's cache folder's `tiles`)."""

    def __init__(self, root: Path | None = None, fresh_seconds: float = FRESH_SECONDS) -> None:
        self.root = root or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "tiles"
        self.fresh_seconds = fresh_seconds

    def path(self, source: TileSource, z: int, x: int, y: int) -> Path:
        return self.root / source.key / str(z) / str(x) / f"{y}.png"

    def read(self, source: TileSource, z: int, x: int, y: int) -> CachedTile | None:
        path = self.path(source, z, x, y)
        try:
            age = time.time() - path.stat().st_mtime
            data = path.read_bytes()
        except OSError:
            return None
        return CachedTile(data, fresh=age < self.fresh_seconds) if data else None

    def write(self, source: TileSource, z: int, x: int, y: int, data: bytes) -> bool:
        """Keep `data` (whole or not at all: a temporary file renamed over); False when the disk
        refuses, which only costs a later download."""
        path = self.path(source, z, x, y)
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{y}-", suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
            return True
        except OSError as exc:
            log.debug("tile %s not cached: %s", path, exc)
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            return False

    def touch(self, source: TileSource, z: int, x: int, y: int) -> None:
        """Mark a cached tile fresh again (the server answered that it has not changed)."""
        with contextlib.suppress(OSError):
            os.utime(self.path(source, z, x, y))


@dataclass
class TileStats:
    hits: int = 0  # answered from the cache without the network
    fetched: int = 0  # downloaded (or revalidated) from the server
    failed: int = 0  # asked for and not got from the server
    stale: int = 0  # an old cached tile used because the server could not give a new one


class TileFetcher:
    """Tiles of `source` through `cache`; `get` may be called from any thread."""

    def __init__(
        self,
        source: TileSource,
        cache: TileCache | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        self.source = source
        self.cache = cache or TileCache()
        self.stats = TileStats()
        self._clock = clock
        self._opener = opener or urllib.request.build_opener()  # the system's proxy settings
        self._lock = threading.Lock()
        self._offline_until = float("-inf")
        self._missing: dict[tuple[int, int, int], float] = {}  # tile: until when not asked again

    @property
    def offline(self) -> bool:
        """True for a while after the server could not be reached; no request is made then."""
        with self._lock:
            return self._clock() < self._offline_until

    def get(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's image (PNG or whatever the server gives), None when there is none to show:
        tiles turned off, a level or row the server has not, or no network and nothing cached."""
        if not self.source.enabled:
            return None
        if not 0 <= z <= self.source.max_zoom or not 0 <= y < 2**z:
            return None  # a level the server has not (the map then draws the level above, scaled)
        tile = (z, x % 2**z, y)
        cached = self.cache.read(self.source, *tile)
        if cached is not None and cached.fresh:
            self._count("hits")
            return cached.data
        if self.offline or self._known_missing(tile):
            return self._stale(cached)  # without waiting for the threads that are downloading
        with _CONNECTIONS:
            # Another thread may have fetched this tile, or found the server gone, while this one waited.
            again = self.cache.read(self.source, *tile)
            if again is not None and again.fresh:
                self._count("hits")
                return again.data
            if self.offline or self._known_missing(tile):
                return self._stale(again)
            return self._download(tile, again)

    def _known_missing(self, tile: tuple[int, int, int]) -> bool:
        with self._lock:
            return self._clock() < self._missing.get(tile, float("-inf"))

    def _download(self, tile: tuple[int, int, int], cached: CachedTile | None) -> bytes | None:
        headers = {"User-Agent": self.source.user_agent}
        path = self.cache.path(self.source, *tile)
        if cached is not None:
            with contextlib.suppress(OSError):
                headers["If-Modified-Since"] = formatdate(path.stat().st_mtime, usegmt=True)
        try:
            request = urllib.request.Request(self.source.tile_url(*tile), headers=headers)
            with self._opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                kind = response.headers.get_content_type()
                data = response.read(MAX_TILE_BYTES + 1)
                if response.status != 200 or not kind.startswith("image/") or not 0 < len(data) <= MAX_TILE_BYTES:
                    raise ValueError(f"not a tile: {response.status} {kind}, {len(data)} bytes")
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and cached is not None:
                self.cache.touch(self.source, *tile)
                self._count("fetched")
                return cached.data
            # A tile the server does not have is not asked for again soon; a server in trouble
            # (5xx) or asking us to slow down (429) is left alone as if it could not be reached.
            gone = 400 <= exc.code < 500 and exc.code not in (408, 429)
            return self._failed(tile, cached, f"HTTP {exc.code}", offline=not gone)
        except (OSError, http.client.HTTPException, ValueError, KeyError, IndexError) as exc:
            # OSError covers URLError, refused connections and timeouts; ValueError an answer that
            # is not an image or an address that is not one; KeyError/IndexError a template with
            # placeholders other than {z}, {x} and {y}.
            return self._failed(tile, cached, repr(exc), offline=True)
        self.cache.write(self.source, *tile, data)
        self._count("fetched")
        return data

    def _failed(self, tile: tuple[int, int, int], cached: CachedTile | None, why: str, offline: bool) -> bytes | None:
        log.debug("tile %s from %s not fetched: %s", tile, self.source.url, why)
        until = self._clock() + OFFLINE_SECONDS
        with self._lock:
            self.stats.failed += 1
            if offline:
                self._offline_until = until
            else:
                if len(self._missing) > 1000:  # forget the old ones rather than grow without end
                    self._missing = {t: u for t, u in self._missing.items() if u > until - OFFLINE_SECONDS}
                self._missing[tile] = until
        return self._stale(cached)

    def _stale(self, cached: CachedTile | None) -> bytes | None:
        if cached is None:
            return None
        self._count("stale")
        return cached.data

    def _count(self, counter: str) -> None:
        with self._lock:
            setattr(self.stats, counter, getattr(self.stats, counter) + 1)


TileFunction = Callable[[int, int, int], "bytes | None"]  # (z, x, y) -> a tile's PNG or JPEG bytes, None if missing


def settings_fetcher(config: Config | None = None) -> TileFetcher | None:
    """The fetcher the settings describe, None when they turn the background map off."""
    source = tile_source(config)
    return TileFetcher(source) if source.enabled else None


def background(fetcher: TileFetcher | None) -> tuple[TileFunction | None, str]:
    """What a map draws its background with: the fetcher's tiles and their attribution, or (None, "")
    for a plain background."""
    if fetcher is None:
        return None, ""
    return fetcher.get, attribution(fetcher.source)

"""Map tiles (app/map/tiles.py) fetched from a tile server on 127.0.0.1, cached on disk, and the map
drawn without them when the server cannot be reached or tiles are turned off."""

from __future__ import annotations

import os
import struct
import threading
import time
import urllib.request
import zlib
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app import config
from app.i18n import _
from app.map import tiles
from app.map.tiles import TileCache, TileFetcher, TileSource, attribution, tile_source
from tests import isolation

DAY = 24 * 3600


def _png(rgb: tuple[int, int, int]) -> bytes:
    """A real 1×1 PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb)))
        + chunk(b"IEND", b"")
    )


RED, BLUE = _png((255, 0, 0)), _png((0, 0, 255))


class TileServer:
    """Serves `folder/z/x/y.png` as image/png (404 when absent), counting what it is asked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.if_modified_since: list[str | None] = []
        self.content_type = "image/png"
        self.delay = 0.0
        self.open_now = self.most_open = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def put(self, z: int, x: int, y: int, data: bytes) -> None:
        path = self.folder / str(z) / str(x) / f"{y}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(handler.path)
            self.user_agents.append(handler.headers.get("User-Agent", ""))
            self.if_modified_since.append(handler.headers.get("If-Modified-Since"))
            self.open_now += 1
            self.most_open = max(self.most_open, self.open_now)
        try:
            time.sleep(self.delay)
            path = self.folder / handler.path.lstrip("/")
            since = handler.headers.get("If-Modified-Since")
            if not path.is_file():
                handler.send_error(404)
            elif since and path.stat().st_mtime <= parsedate_to_datetime(since).timestamp():
                handler.send_response(304)
                handler.end_headers()
            else:
                data = path.read_bytes()
                handler.send_response(200)
                handler.send_header("Content-Type", self.content_type)
                handler.send_header("Content-Length", str(len(data)))
                handler.end_headers()
                handler.wfile.write(data)
        finally:
            with self._lock:
                self.open_now -= 1

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # a proxy would be asked for 127.0.0.1 too
    served = TileServer(tmp_path / "served")
    yield served
    served.stop()


@pytest.fixture
def cache(tmp_path):
    return TileCache(tmp_path / "cache")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _counting_opener() -> tuple[urllib.request.OpenerDirector, list[str]]:
    """An opener that notes every request it is asked to make, answered or not."""
    opener = urllib.request.build_opener()
    asked: list[str] = []
    real_open = opener.open

    def open_counted(request, *args, **kwargs):
        asked.append(request.full_url)
        return real_open(request, *args, **kwargs)

    opener.open = open_counted  # type: ignore[method-assign]
    return opener, asked


def _refusing_url() -> str:
    """An address on this machine where nothing listens (the test run's own, tests/isolation.py)."""
    return isolation.NO_TILE_SERVER


def test_a_tile_is_fetched_once_then_served_from_the_cache(server, cache):
    server.put(3, 4, 2, RED)
    source = TileSource(server.url)
    fetcher = TileFetcher(source, cache)
    assert fetcher.get(3, 4, 2) == RED
    assert cache.path(source, 3, 4, 2).read_bytes() == RED
    assert cache.path(source, 3, 4, 2).is_relative_to(cache.root / source.key)
    assert fetcher.get(3, 4, 2) == RED
    assert TileFetcher(source, cache).get(3, 4, 2) == RED  # another fetcher, the same disk cache
    assert server.requests == ["/3/4/2.png"]
    assert (fetcher.stats.fetched, fetcher.stats.hits, fetcher.stats.failed) == (1, 1, 0)
    agent = server.user_agents[0]
    assert agent.startswith("Trygghetscenter/") and agent == tiles.user_agent() and "Python-urllib" not in agent


def test_the_default_cache_is_in_the_users_cache_folder():
    root = TileCache().root
    assert root.name == "tiles" and root.parent.name == "trygghetscenter"
    assert root.resolve().is_relative_to(isolation.ROOT.resolve())  # the run's own cache folder


def test_a_missing_tile_is_none_not_cached_and_not_asked_for_again_soon(server, cache):
    clock = Clock()
    source = TileSource(server.url)
    fetcher = TileFetcher(source, cache, clock=clock)
    assert fetcher.get(2, 1, 1) is None
    assert not cache.path(source, 2, 1, 1).exists()
    assert fetcher.stats.failed == 1 and not fetcher.offline  # the server answered: not offline
    assert fetcher.get(2, 1, 1) is None
    assert len(server.requests) == 1
    clock.now += tiles.OFFLINE_SECONDS + 1
    server.put(2, 1, 1, BLUE)
    assert fetcher.get(2, 1, 1) == BLUE


def test_an_answer_that_is_not_an_image_is_refused(server, cache):
    server.put(1, 0, 0, b"<html>Sign in to the guest network</html>")
    server.content_type = "text/html"
    source = TileSource(server.url)
    fetcher = TileFetcher(source, cache)
    assert fetcher.get(1, 0, 0) is None
    assert not cache.path(source, 1, 0, 0).exists() and fetcher.stats.failed == 1


def test_no_server_gives_none_at_once_and_is_not_asked_again_for_a_while(cache):
    clock = Clock()
    opener, asked = _counting_opener()
    fetcher = TileFetcher(TileSource(_refusing_url()), cache, clock=clock, opener=opener)
    started = time.monotonic()
    assert fetcher.get(5, 17, 9) is None
    assert time.monotonic() - started < 1.0
    assert fetcher.offline and len(asked) == 1 and fetcher.stats.failed == 1
    clock.now += tiles.OFFLINE_SECONDS - 1
    assert fetcher.get(5, 17, 9) is None and fetcher.get(5, 18, 9) is None
    assert len(asked) == 1  # no retry storm
    clock.now += 2
    assert not fetcher.offline
    assert fetcher.get(5, 17, 9) is None
    assert len(asked) == 2 and fetcher.offline


def test_a_stale_tile_is_shown_while_the_server_cannot_be_reached(cache):
    source = TileSource(_refusing_url())
    assert cache.write(source, 4, 8, 5, RED)
    old = time.time() - 8 * DAY
    os.utime(cache.path(source, 4, 8, 5), (old, old))
    assert not cache.read(source, 4, 8, 5).fresh
    opener, asked = _counting_opener()
    fetcher = TileFetcher(source, cache, opener=opener)
    assert fetcher.get(4, 8, 5) == RED
    assert fetcher.offline and len(asked) == 1 and fetcher.stats.stale == 1
    assert fetcher.get(4, 8, 5) == RED and len(asked) == 1


def test_a_stale_tile_is_revalidated_and_a_changed_one_replaced(server, cache):
    source = TileSource(server.url)
    fetcher = TileFetcher(source, cache)
    server.put(6, 3, 3, RED)
    cache.write(source, 6, 3, 3, RED)
    week_ago = time.time() - 8 * DAY
    os.utime(cache.path(source, 6, 3, 3), (week_ago, week_ago))
    os.utime(server.folder / "6" / "3" / "3.png", (week_ago - DAY, week_ago - DAY))
    assert fetcher.get(6, 3, 3) == RED  # 304 Not Modified: the cached copy, fresh again
    assert server.if_modified_since[0] is not None
    assert cache.read(source, 6, 3, 3).fresh and fetcher.get(6, 3, 3) == RED and len(server.requests) == 1
    os.utime(cache.path(source, 6, 3, 3), (week_ago, week_ago))
    server.put(6, 3, 3, BLUE)  # changed on the server since
    assert fetcher.get(6, 3, 3) == BLUE and cache.path(source, 6, 3, 3).read_bytes() == BLUE


def test_tiles_turned_off_read_neither_network_nor_cache(server, cache):
    server.put(3, 4, 2, RED)
    source = TileSource(server.url, enabled=False)
    cache.write(source, 3, 4, 2, RED)
    fetcher = TileFetcher(source, cache)
    assert fetcher.get(3, 4, 2) is None
    assert server.requests == [] and fetcher.stats == tiles.TileStats()


def test_an_unwritable_cache_still_gives_the_tile(server, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    server.put(3, 4, 2, RED)
    fetcher = TileFetcher(TileSource(server.url), TileCache(blocker / "tiles"))
    assert fetcher.get(3, 4, 2) == RED
    assert fetcher.get(3, 4, 2) == RED and len(server.requests) == 2  # nothing kept, nothing raised
    assert list(tmp_path.glob("**/*.tmp")) == []


def test_columns_wrap_and_rows_and_levels_outside_are_none(server, cache):
    server.put(1, 0, 1, RED)
    server.put(2, 3, 0, BLUE)
    fetcher = TileFetcher(TileSource(server.url, max_zoom=2), cache)
    assert fetcher.get(1, 2, 1) == RED and fetcher.get(1, -2, 1) == RED  # x around the world
    assert fetcher.get(1, 0, 2) is None and fetcher.get(1, 0, -1) is None  # y beyond the poles
    assert fetcher.get(2, 3, 0) == BLUE
    # deeper than the server goes, or no level at all: nothing (not a tile of another part of the world)
    assert fetcher.get(9, 3, 0) is None and fetcher.get(-1, 0, 0) is None
    assert server.requests == ["/1/0/1.png", "/2/3/0.png"]


def test_at_most_two_requests_are_open_at_once(server, cache):
    server.delay = 0.15
    for x in range(6):
        server.put(3, x, 0, RED)
    fetchers = [TileFetcher(TileSource(server.url), cache) for _ in range(2)]  # the limit is the program's
    got: list[bytes | None] = []
    threads = [threading.Thread(target=lambda x=x: got.append(fetchers[x % 2].get(3, x, 0))) for x in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert got == [RED] * 6 and len(server.requests) == 6
    assert server.most_open == tiles.MAX_CONNECTIONS


def test_the_settings_make_the_source_and_the_environment_wins(tmp_path, monkeypatch):
    assert os.environ[config.ENV_TILE_URL] == isolation.NO_TILE_SERVER  # the run never reaches the internet
    path = tmp_path / "config.ini"
    path.write_text(
        "[map]\ntiles = off\ntile_url = https://tiles.example/{z}/{x}/{y}.png\ntile_attribution = © Lantmäteriet\n",
        encoding="utf-8",
    )
    source = tile_source(config.load_config(path))
    assert source.url == isolation.NO_TILE_SERVER and not source.enabled
    assert attribution(source) == "© Lantmäteriet" and source.max_zoom == 19
    monkeypatch.delenv(config.ENV_TILE_URL)
    assert tile_source(config.load_config(path)).url == "https://tiles.example/{z}/{x}/{y}.png"
    default = tile_source(config.load_config(tmp_path / "absent.ini"))
    assert default.url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png" and default.enabled
    assert default.attribution == "" and attribution(default) == _("© OpenStreetMap contributors")
    assert default.user_agent.startswith("Trygghetscenter/")
    path.write_text("[map]\ntile_url =\n", encoding="utf-8")
    assert tile_source(config.load_config(path)).url == tiles.DEFAULT_TILE_URL  # left empty: OpenStreetMap's


def test_each_tile_server_has_its_own_cache_folder(cache):
    one, other = TileSource("https://a.example/{z}/{x}/{y}.png"), TileSource("https://b.example/{z}/{x}/{y}.png")
    cache.write(one, 1, 1, 1, RED)
    assert cache.read(other, 1, 1, 1) is None and cache.read(one, 1, 1, 1).data == RED
    assert one.key != other.key and one.key == TileSource(one.url).key

"""Settings declared once with their defaults, read from the config file and the environment."""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from app.domain.policy import IDLE_LOCK_MINUTES
from app.errors import ConfigError
from app.i18n import _

APP_NAME = "trygghetscenter"
ENV_DATABASE_URL = "TRYGGHETSCENTER_DATABASE_URL"
ENV_DATA_DIR = "TRYGGHETSCENTER_DATA_DIR"
ENV_CONFIG_FILE = "TRYGGHETSCENTER_CONFIG"
ENV_LANGUAGE = "TRYGGHETSCENTER_LANG"
ENV_DEBUG = "TRYGGHETSCENTER_DEBUG"
ENV_TILE_URL = "TRYGGHETSCENTER_TILE_URL"


@dataclass(frozen=True)
class Setting:
    """One setting: its type and default, and where it is read from. An environment variable, when
    it names one and is set, wins over the settings file; `section` None means the environment only."""

    section: str | None
    key: str
    default: str | int | bool
    help: str
    env: str | None = None

    @property
    def type(self) -> type:
        return type(self.default)

    def parse(self, text: str) -> str | int | bool:
        """`text` as this setting's type; what cannot be read as one gives the default."""
        if self.type is bool:
            return text.strip().lower() not in ("", "0", "false", "no", "off")
        if self.type is int:
            try:
                return int(text)
            except ValueError:
                return self.default
        return text


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "database",
            "url",
            "",
            "SQLAlchemy URL of the shared database; empty means the local SQLite file.",
            env=ENV_DATABASE_URL,
        ),
        Setting(
            "database",
            "sign_in",
            "program",
            "program: the program's own accounts; database: sign in with your PostgreSQL login "
            "(after 'trygghetscenter db init-roles'; the URL then names no user).",
        ),
        Setting(
            "database",
            "gate_password",
            "",
            "With sign_in = database: the password of the sign-in gate, which counts failed sign-ins "
            "(printed by 'trygghetscenter db init-roles'; it opens no data).",
        ),
        Setting("ui", "language", "sv", "Language of the program: sv or en.", env=ENV_LANGUAGE),
        Setting(
            "ui",
            "idle_lock_minutes",
            IDLE_LOCK_MINUTES,
            "Minutes without input before the window locks; 0 turns it off.",
        ),
        Setting(
            "map",
            "tiles",
            True,
            "Draw a background map from a tile server; off: markers on a plain background.",
        ),
        Setting(
            "map",
            "tile_url",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "Address of the map tiles, with {z}, {x} and {y} for the zoom level and the tile's column and row.",
            env=ENV_TILE_URL,
        ),
        Setting(
            "map",
            "tile_attribution",
            "",
            "The credit shown on the map and in saved images for the tiles; empty means OpenStreetMap's.",
        ),
        Setting(
            None, "debug", False, "Show the full traceback of an unexpected error on the command line.", env=ENV_DEBUG
        ),
        Setting(
            None,
            "config_file",
            "",
            "The settings file, instead of config.ini in the configuration folder.",
            env=ENV_CONFIG_FILE,
        ),
        Setting(
            None,
            "data_dir",
            "",
            "The folder of the local SQLite file, instead of the user's data folder.",
            env=ENV_DATA_DIR,
        ),
    )
}


def from_environment(key: str) -> str | int | bool | None:
    """The setting as the environment gives it, None when its variable is unset or empty."""
    setting = SETTINGS[key]
    text = os.environ.get(setting.env) if setting.env else None
    return setting.parse(text) if text else None


def _text_from_environment(key: str) -> str | None:
    """A text setting as the environment gives it, None when its variable is unset or empty."""
    value = from_environment(key)
    assert value is None or isinstance(value, str), key  # declared with a text default
    return value


def data_dir() -> Path:
    override = _text_from_environment("data_dir")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path


def config_file() -> Path:
    override = _text_from_environment("config_file")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.ini"


@dataclass
class Config:
    """The settings file as read, with the environment over it; every read of a setting goes here."""

    values: dict[str, str] = field(default_factory=dict)  # as written in the file
    path: Path | None = None

    def get(self, key: str):
        """The setting's value, of its declared type: the environment's, else the file's, else the default."""
        setting = SETTINGS[key]
        from_env = from_environment(key)
        if from_env is not None:
            return from_env
        if key in self.values:
            return setting.parse(self.values[key])
        return setting.default

    def get_int(self, key: str) -> int:
        value = self.get(key)
        assert isinstance(value, int), key
        return value

    def get_bool(self, key: str) -> bool:
        value = self.get(key)
        assert isinstance(value, bool), key
        return value

    def get_str(self, key: str) -> str:
        value = self.get(key)
        assert isinstance(value, str), key
        return value


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    parser = configparser.ConfigParser()
    if path.exists():
        # An unreadable config file is reported by the caller through ConfigError.
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(_("The settings file {path} cannot be read: {error}", path=path, error=exc)) from exc
    values = {}
    for key, setting in SETTINGS.items():
        if setting.section is not None and parser.has_option(setting.section, key):
            values[key] = parser.get(setting.section, key)
    return Config(values=values, path=path)


def default_sqlite_path() -> Path:
    return data_dir() / "trygghetscenter.sqlite3"


def resolve_database_url(cli_url: str | None = None, config: Config | None = None) -> str:
    """Command line first, then the environment, then the config file, else the local SQLite file.
    An empty address given on purpose (`--database ''`) is an error, not the default file."""
    if cli_url is not None:
        if not cli_url.strip():
            raise ConfigError(_("No database address was given."))
        return cli_url
    env_url = _text_from_environment("url")
    if env_url:
        return env_url
    config = config or load_config()
    if config.get_str("url"):
        return config.get_str("url")
    return f"sqlite:///{default_sqlite_path()}"

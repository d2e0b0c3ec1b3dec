"""Settings declared once with their defaults, read from the config file and the environment."""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from app.domain.policy import IDLE_LOCK_MINUTES

APP_NAME = "trygghetscenter"
ENV_DATABASE_URL = "TRYGGHETSCENTER_DATABASE_URL"
ENV_DATA_DIR = "TRYGGHETSCENTER_DATA_DIR"
ENV_CONFIG_FILE = "TRYGGHETSCENTER_CONFIG"


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("database", "url", "", "SQLAlchemy URL of the shared database; empty means the local SQLite file."),
        Setting("database", "sign_in", "program",
                "program: the program's own accounts; database: sign in with your PostgreSQL login "
                "(after 'trygghetscenter db init-roles'; the URL then names no user)."),  # fmt: skip
        Setting("database", "gate_password", "",
                "With sign_in = database: the password of the sign-in gate, which counts failed sign-ins "
                "(printed by 'trygghetscenter db init-roles'; it opens no data)."),  # fmt: skip
        Setting("ui", "language", "sv", "Language of the program: sv or en."),
        Setting("ui", "idle_lock_minutes", str(IDLE_LOCK_MINUTES), "Minutes without input before the window locks; 0 turns it off."),
    )
}


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path


def config_file() -> Path:
    override = os.environ.get(ENV_CONFIG_FILE)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.ini"


@dataclass
class Config:
    values: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def get(self, key: str) -> str:
        return self.values.get(key, SETTINGS[key].default)

    def get_int(self, key: str) -> int:
        try:
            return int(self.get(key))
        except ValueError:
            return int(SETTINGS[key].default)


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    parser = configparser.ConfigParser()
    if path.exists():
        # An unreadable config file is reported by the caller through ConfigError.
        from app.errors import ConfigError
        from app.i18n import _

        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(_("The settings file {path} cannot be read: {error}", path=path, error=exc)) from exc
    values = {}
    for key, setting in SETTINGS.items():
        if parser.has_option(setting.section, key):
            values[key] = parser.get(setting.section, key)
    return Config(values=values, path=path)


def default_sqlite_path() -> Path:
    return data_dir() / "trygghetscenter.sqlite3"


def resolve_database_url(cli_url: str | None = None, config: Config | None = None) -> str:
    """Command line first, then the environment, then the config file, else the local SQLite file.
    An empty address given on purpose (`--database ''`) is an error, not the default file."""
    if cli_url is not None:
        from app.errors import ConfigError
        from app.i18n import _

        if not cli_url.strip():
            raise ConfigError(_("No database address was given."))
        return cli_url
    env_url = os.environ.get(ENV_DATABASE_URL)
    if env_url:
        return env_url
    config = config or load_config()
    if config.get("url"):
        return config.get("url")
    return f"sqlite:///{default_sqlite_path()}"

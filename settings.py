"""Every setting a deployment can give Rolwijzer, how each is read, and the log configuration.

A setting comes from the environment first, then from ``.streamlit/secrets.toml``
(the file Streamlit's ``st.secrets`` reads; parsed here with ``tomllib`` so that
storage and the command-line tools work without Streamlit). An empty value counts
as not set. Pure: no Streamlit, no SQLAlchemy.

The README's "Settings" table and ``.streamlit/secrets.toml.example`` list exactly
the settings below (``tests/test_docs.py``, ``tests/test_settings.py``);
``python -m settings`` prints the example file.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

ROOT: Final = Path(__file__).resolve().parent
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
"""Read at every call, so tests can point it elsewhere."""

log = logging.getLogger("rolwijzer.settings")


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    """The value when nothing is configured; ``None`` where the app works it out (``help`` says how)."""
    help: str
    example: str
    """What ``.streamlit/secrets.toml.example`` shows."""


DATABASE_URL: Final = Setting(
    "DATABASE_URL",
    "sqlite:///data/rolwijzer.db",
    "The database: a SQLite file (created on first start, in WAL mode) or PostgreSQL, "
    "`postgresql://user:pass@host/db`.",
    "postgresql://user:pass@host/db",
)
PASSCODE: Final = Setting(
    "ROLWIJZER_PASSCODE",
    None,
    "The facilitators' passcode. Without it, one is generated on first start, printed once in the "
    "server log and kept in `data/begeleiderscode.txt`.",
    "",  # left empty: an example passcode would work for anyone who read this file
)
PUBLIC_URL: Final = Setting(
    "ROLWIJZER_PUBLIC_URL",
    None,
    "The public address that QR codes and links point to. Without it, the address comes from the "
    "browser's request; set it behind a reverse proxy.",
    "https://rolwijzer.example.nl",
)
RETENTION_DAYS: Final = Setting(
    "ROLWIJZER_RETENTION_DAYS",
    "90",
    "Werkplaatsen older than this many days are listed for deletion on the Werkplaatsen page.",
    "90",
)
CONTENT_DIR: Final = Setting(
    "ROLWIJZER_CONTENT_DIR",
    "content/",
    "The content pack new werkplaatsen are created with.",
    "content",
)
LOG_LEVEL: Final = Setting(
    "ROLWIJZER_LOG_LEVEL",
    "INFO",
    "How much the server logs (to stderr): DEBUG, INFO, WARNING or ERROR.",
    "INFO",
)

TRUSTED_PROXIES: Final = Setting(
    "ROLWIJZER_TRUSTED_PROXIES",
    None,
    "Reverse proxies (addresses or networks, comma-separated) whose `X-Forwarded-For` names the client "
    "for the guessing limits. Without it, no proxy is trusted; `127.0.0.1` for nginx on the same machine.",
    "127.0.0.1",
)

FACILITATOR_HOURS: Final = Setting(
    "ROLWIJZER_FACILITATOR_HOURS",
    "12",
    "How long a facilitator's login lasts in that browser, in hours (a signed cookie, so reloading the "
    "wall keeps it); a decimal comma is fine.",
    "12",
)

SETTINGS: Final = (
    DATABASE_URL, PASSCODE, FACILITATOR_HOURS, PUBLIC_URL, RETENTION_DAYS, CONTENT_DIR, LOG_LEVEL, TRUSTED_PROXIES,
)
_BY_NAME: Final = {s.name: s for s in SETTINGS}


# --- Reading ----------------------------------------------------------------------


def setting(name: str) -> str | None:
    """The configured value of the setting ``name``: the environment, else the secrets file, else None.

    Raises ``KeyError`` for a name that is not one of :data:`SETTINGS`.
    """
    declared = _BY_NAME[name]
    value = os.environ.get(declared.name, "").strip()
    return value or _secrets(SECRETS_FILE).get(declared.name)


def _secrets(path: Path) -> MappingProxyType[str, str]:
    try:
        stat = path.stat()
    except OSError:  # no secrets file is normal
        return MappingProxyType({})
    return _read_secrets(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_secrets(path: Path, _mtime_ns: int, _size: int) -> MappingProxyType[str, str]:
    """The file's top-level values as text, read again only when the file changes."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError) as exc:  # an unreadable file must never stop the app from starting
        log.warning("%s is not readable (%s); settings come from the environment only.", path, exc)
        return MappingProxyType({})
    values = {key: str(value).strip() for key, value in data.items() if isinstance(value, str | int | float)}
    return MappingProxyType({key: value for key, value in values.items() if value})


RETENTION_DAYS_RANGE: Final = (1, 3650)
"""What the Werkplaatsen page accepts in its field for the retention period."""


def retention_days() -> int:
    """``ROLWIJZER_RETENTION_DAYS`` as a number of days; the default (with a warning) for anything else."""
    default = int(str(RETENTION_DAYS.default))
    configured = setting(RETENTION_DAYS.name)
    if configured is None:
        return default
    low, high = RETENTION_DAYS_RANGE
    try:
        days = int(configured)
    except ValueError:
        days = low - 1
    if not low <= days <= high:
        log.warning(
            "%s is not a whole number from %d to %d; using %d.", RETENTION_DAYS.name, low, high, default
        )
        return default
    return days


def content_dir() -> Path:
    """``ROLWIJZER_CONTENT_DIR``, else ``content/`` beside this file."""
    configured = setting(CONTENT_DIR.name)
    return Path(configured) if configured else ROOT / "content"


# --- Logging ----------------------------------------------------------------------

APP_LOGGERS: Final = ("rolwijzer", "app_pages", "ui", "storage", "scoring", "reports", "charts", "results")
"""Rolwijzer's own loggers, which get the configured level; libraries keep logging warnings only."""
_LEVELS: Final = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
    "CRITICAL": logging.CRITICAL,
}
_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _StderrHandler(logging.Handler):
    """Writes to ``sys.stderr`` as it is at the moment of writing (Streamlit and pytest replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # as logging's own handlers do: a failing log line must not fail the caller
            self.handleError(record)


def _level_name() -> str:
    return (setting(LOG_LEVEL.name) or str(LOG_LEVEL.default)).upper()


def log_level() -> int:
    """``ROLWIJZER_LOG_LEVEL`` as a :mod:`logging` level; INFO for anything that is not a level name."""
    return _LEVELS.get(_level_name(), logging.INFO)


def configure_logging() -> int:
    """Send log records to stderr, Rolwijzer's own at ``ROLWIJZER_LOG_LEVEL``. Returns that level.

    Called once per process at start (the app's warm-up and the command-line tools);
    calling it again only applies the setting anew. Libraries keep their own level
    (warnings), so that SQLAlchemy, for one, does not start logging every statement.
    """
    root = logging.getLogger()
    if not any(isinstance(handler, _StderrHandler) for handler in root.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    level = log_level()
    for name in APP_LOGGERS:
        logging.getLogger(name).setLevel(level)
    if _level_name() not in _LEVELS:
        log.warning("%s is not one of %s; logging at INFO.", LOG_LEVEL.name, ", ".join(_LEVELS))
    return level


# --- The example secrets file -----------------------------------------------------


def secrets_example() -> str:
    """The text of ``.streamlit/secrets.toml.example``: every setting, commented out, with its help."""
    lines = [
        "# Rolwijzer's settings. Copy this file to .streamlit/secrets.toml (never commit that one)",
        "# and remove the # before the settings you need. An environment variable with the same",
        "# name wins over this file. Generated by `python -m settings`.",
    ]
    for item in SETTINGS:
        default = f"`{item.default}`" if item.default is not None else "none"
        lines += ["", *(f"# {line}" for line in _wrap(item.help)), f"# Default: {default}."]
        lines.append(f'# {item.name} = "{item.example}"')
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 96) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


if __name__ == "__main__":
    print(secrets_example(), end="")

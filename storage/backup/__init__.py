"""Back up a whole werkplaats as JSON, and restore it, on this or another Rolwijzer server.

The file (``"format": "rolwijzer-backup"``, ``"version": 2``) holds the werkplaats
with its own content texts, and every trio with its members, their level, answers and
influence choices, the chosen handelingsperspectieven and the actions::

    {"format": "rolwijzer-backup", "version": 2, "exported_at": "...",
     "werkplaats": {"name", "held_on", "standalone", "created_at", "content_hash",
                    "content": {"model.yaml": "...", "questions.yaml": "...", "perspectives.yaml": "..."}},
     "trios": [{"municipality", "casus", "created_at",
                "members": [{"role", "display_name", "created_at", "level",
                             "answers": [{"question", "frame", "value", "updated_at"}],
                             "influence": [{"question", "option", "updated_at"}]}],
                "chosen_perspectives": [{"perspective", "chosen_at"}],
                "actions": [{"what", "who", "when_text", "created_at"}]}]}

Moments are ISO 8601 in UTC, ``held_on`` is ``YYYY-MM-DD``, ``value`` is ``null`` for
"weet ik niet", ``level`` is a content ``levels`` id or ``null``, ``option`` a content
``influence.options`` id.

Versions: 1 had no ``level`` and no ``influence``. Every version in
:data:`READABLE_VERSIONS` restores; a member without these fields (as in every version 1
file) is restored without a level and without influence choices.

Secrets are not in the file: no member tokens (whoever has one can answer as that
member), no join code and no trio codes. A restore makes new ones, so links and
codes of the original server do not work for the restored copy, and a leaked backup
gives no access to either server. The file does contain the names members gave
themselves: treat it as personal data.

:func:`restore_werkplaats` checks the whole file before it writes anything (format,
types, unknown fields, lengths, the content and its hash, every answer against the
content's own scale, roles, levels, influence options and perspectives) and then inserts everything in one
transaction. Anything wrong raises :class:`BackupError` with a Dutch message that
names the place, e.g. ``trios[2].members[0].answers[5].value``.

The restored werkplaats gets the restore moment as its ``created_at``, so that the
retention period starts again on the new server; every other moment is kept.

The package: :mod:`storage.backup.format` (the models and the JSON guards, no
database), :mod:`storage.backup.export` (write one) and :mod:`storage.backup.restore`
(read one back). Import from here.
"""

from storage.backup.export import backup_json, backup_werkplaats, build_backup
from storage.backup.format import (
    FORMAT,
    MAX_BACKUP_BYTES,
    MAX_JSON_DEPTH,
    READABLE_VERSIONS,
    VERSION,
    Backup,
    BackupAction,
    BackupAnswer,
    BackupChoice,
    BackupError,
    BackupInfluence,
    BackupMember,
    BackupTrio,
    BackupWerkplaats,
)
from storage.backup.restore import read_backup, restore_werkplaats

__all__ = [
    "FORMAT",
    "MAX_BACKUP_BYTES",
    "MAX_JSON_DEPTH",
    "READABLE_VERSIONS",
    "VERSION",
    "Backup",
    "BackupAction",
    "BackupAnswer",
    "BackupChoice",
    "BackupError",
    "BackupInfluence",
    "BackupMember",
    "BackupTrio",
    "BackupWerkplaats",
    "backup_json",
    "backup_werkplaats",
    "build_backup",
    "read_backup",
    "restore_werkplaats",
]

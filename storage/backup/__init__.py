"""Back up a whole werkplaats as JSON, and restore it, on this or another Rolwijzer server.

A werkplaats is one round (of a leertraject, or on its own). The file (``"format": "rolwijzer-backup"``,
``"version": 3``) holds the werkplaats with its own content texts, and every trio of that round with
its members (the bestuurder too), their level, answers and influence choices of this round, the
chosen handelingsperspectieven, the actions written down in this round with their follow-up, and
the trio's leervragen with what it wrote about them in this round::

    {"format": "rolwijzer-backup", "version": 3, "exported_at": "...",
     "werkplaats": {"name", "held_on", "standalone", "created_at", "content_hash", "traject_name", "position",
                    "content": {"model.yaml": "...", "questions.yaml": "...", "perspectives.yaml": "..."}},
     "trios": [{"municipality", "casus", "created_at", "shared_at",
                "members": [{"role", "kind", "display_name", "created_at", "level",
                             "answers": [{"question", "frame", "value", "carried", "updated_at"}],
                             "influence": [{"question", "option", "updated_at"}]}],
                "chosen_perspectives": [{"perspective", "chosen_at"}],
                "actions": [{"what", "who", "when_text", "created_at", "status", "reflection", "followed_up_at"}],
                "leervragen": [{"text", "notes": [{"text", "updated_at"}]}]}]}

Moments are ISO 8601 in UTC, ``held_on`` is ``YYYY-MM-DD``, ``value`` is ``null`` for
"weet ik niet", ``level`` is a content ``levels`` id or ``null``, ``option`` a content
``influence.options`` id. ``kind`` is ``trio`` or ``bestuurder`` (role ``bestuurder``, at most one per
trio, never counted in the trio's mean); ``carried`` marks an answer copied from the round before and
not yet confirmed; ``status`` is ``null`` or ``gedaan``, ``bezig``, ``niet_gelukt``, ``losgelaten``;
``shared_at`` (or ``null``) is when the trio shared this round's result with its bestuurder; a
leervraag has at most one note (this round's), a trio at most three leervragen.

Versions: 1 had no ``level`` and no ``influence``; 2 had none of the round fields. Every version in
:data:`READABLE_VERSIONS` restores; a field that is absent gets its default (no level, no influence
choices, kind ``trio``, not carried, no follow-up, no leervragen, not shared), so a version 1 or 2
file restores exactly as before.

A restore always makes a werkplaats **on its own**, not a round of a leertraject: ``traject_name`` and
``position`` are informative (which traject, which round) and are not written back. Its trios get this
werkplaats as their only round; their answers, choices, actions, notes and ``shared_at`` belong to it.

Secrets are not in the file: no member tokens (whoever has one can answer as that
member), no join code and no trio codes. A restore makes new ones, so links and
codes of the original server do not work for the restored copy, and a leaked backup
gives no access to either server. The file does contain the names members gave
themselves and the texts trios wrote: treat it as personal data.

:func:`restore_werkplaats` checks the whole file before it writes anything (format,
types, unknown fields, lengths, the content and its hash, every answer against the
content's own scale, roles, levels, influence options and perspectives, the bestuurder,
leervragen and follow-ups) and then inserts everything in one
transaction. Anything wrong raises :class:`BackupError` with a Dutch message that
names the place, e.g. ``trios[2].members[0].answers[5].value`` or ``trios[0].leervragen[3]``.

The restored werkplaats gets the restore moment as its ``created_at``, so that the
retention period starts again on the new server; every other moment is kept.

A whole leertraject goes in one file of its own (``"format": "rolwijzer-leertraject-backup"``): every
round's backup as above, in order, and per trio of the leertraject its place in each round; it restores
as a leertraject again (:mod:`storage.backup.traject`). :func:`restore_any` takes either file.

The package: :mod:`storage.backup.fields` (the field types) and :mod:`storage.backup.format`
(the models and the JSON guards), :mod:`storage.backup.check` (the checks needing the whole file or
its content; these three without a database), :mod:`storage.backup.export` (write one) and
:mod:`storage.backup.restore` (read one back), :mod:`storage.backup.traject` (a leertraject). Import from here.
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
    BackupLeervraag,
    BackupLeervraagNote,
    BackupMember,
    BackupTrio,
    BackupWerkplaats,
)
from storage.backup.restore import read_backup, restore_werkplaats
from storage.backup.traject import (
    TRAJECT_FORMAT,
    TRAJECT_VERSION,
    BackupTrajectTrio,
    TrajectBackup,
    build_traject_backup,
    read_traject_backup,
    restore_any,
    restore_traject,
    traject_backup_json,
)

__all__ = [
    "FORMAT",
    "MAX_BACKUP_BYTES",
    "MAX_JSON_DEPTH",
    "READABLE_VERSIONS",
    "TRAJECT_FORMAT",
    "TRAJECT_VERSION",
    "VERSION",
    "Backup",
    "BackupAction",
    "BackupAnswer",
    "BackupChoice",
    "BackupError",
    "BackupInfluence",
    "BackupLeervraag",
    "BackupLeervraagNote",
    "BackupMember",
    "BackupTrajectTrio",
    "BackupTrio",
    "BackupWerkplaats",
    "TrajectBackup",
    "backup_json",
    "backup_werkplaats",
    "build_backup",
    "build_traject_backup",
    "read_backup",
    "read_traject_backup",
    "restore_any",
    "restore_traject",
    "restore_werkplaats",
    "traject_backup_json",
]

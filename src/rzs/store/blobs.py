"""Document content as files named by their sha256: written and read in chunks (DIGEST f.3).

Why outside the database rows: a zaak row is read on every vraag; a 100 MB document is not, and
must never be loaded whole. Why by sha256: the key is the checksum, so what comes back is
verifiably what was stored, identical content is stored once, and a file is never changed after
it is written (a new version of a document is a new file), so readers need no locks.

Layout: ``<root>/ab/cd/abcd…`` (two levels of fan-out), written as ``<root>/tmp/…`` first, fsynced,
then renamed into place: a file under its name is always complete.

Orphans. The file is written before the transaction that references it commits, and a message
that is then refused (Fo03/Fo02) leaves it unreferenced. It is harmless (it is never served:
only rows name content) and :meth:`BlobStore.delete_orphans` removes it later; deleting at
rollback is not safe, because another transaction may have stored the same content and
referenced this very file meanwhile. ``put`` of existing content refreshes its mtime, so the
grace period of ``delete_orphans`` protects content that a running transaction is about to
reference. ``rzs cleanup`` runs it (``Store.delete_orphan_content``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: Bytes per read and write: a multiple of 3, so base64 of consecutive chunks concatenates.
CHUNK = 3 * 64 * 1024
#: Files younger than this are never treated as orphans: their transaction may still be running.
GRACE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class Blob:
    sha256: str
    size: int


class BlobStore:
    """Content-addressed files under one directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, source: BinaryIO) -> Blob:
        """Store what ``source`` yields from its current position; returns its sha256 and size."""
        staging = self.root / "tmp"
        staging.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with tempfile.NamedTemporaryFile(dir=staging, delete=False) as target:
            try:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
                    size += len(chunk)
                target.flush()
                os.fsync(target.fileno())
            except BaseException:
                os.unlink(target.name)
                raise
        blob = Blob(digest.hexdigest(), size)
        final = self.path(blob.sha256)
        if final.exists():
            os.unlink(target.name)
            os.utime(final)  # still in use: keep it out of delete_orphans' reach
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target.name, final)
        return blob

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        """The size of stored content; FileNotFoundError when there is none under this key."""
        return self.path(sha256).stat().st_size

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The content in chunks of :data:`CHUNK` bytes. The file is opened at once, so a missing
        blob fails here and not halfway through a reply."""
        handle = self.path(sha256).open("rb")

        def read() -> Iterator[bytes]:
            with handle:
                while chunk := handle.read(CHUNK):
                    yield chunk

        return read()

    def delete_orphans(self, referenced: Collection[str], *, grace_seconds: float = GRACE_SECONDS) -> int:
        """Delete content files no row references and staging leftovers, older than the grace
        period. Returns how many files were removed."""
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - grace_seconds
        removed = 0
        for file in self.root.glob("*/*/*"):
            if file.is_file() and file.name not in referenced and file.stat().st_mtime < cutoff:
                file.unlink(missing_ok=True)
                removed += 1
        for file in (self.root / "tmp").glob("*"):
            if file.is_file() and file.stat().st_mtime < cutoff:
                file.unlink(missing_ok=True)
                removed += 1
        return removed

"""Many zaken in seconds: copies of one zaak made through HTTP, multiplied in SQL.

Why: the benchmark needs zaken that exist before the clock starts (updateZaak and geefZaakdetails act
on them; ``--prefill 100000`` shows that cost does not grow with the data), and creating 100,000
through the server would take longer than the benchmark itself. The server creates one zaak (so its
rows are exactly what creeerZaak stores today); this module copies the ``zaak`` row and the rows of
every table that hangs off it by ``zaak_id`` with ``INSERT ... SELECT`` over a numbers CTE, giving
each copy a new id and an identificatie ``prefix + 8 digits`` (``identificatie``). The tables are
reflected from the database, so a new child table of the store is copied without a change here.
Tables with a unique column of their own besides the id (documents, besluiten) are left out.
Works on SQLite and PostgreSQL (sequences are moved past the copied ids).
"""

from __future__ import annotations

import time

import sqlalchemy as sa

#: Rows inserted per statement: bounds the size of one statement/transaction.
_BLOK = 20_000


def identificatie(prefix: str, nummer: int) -> str:
    """The identificatie of copy ``nummer`` (1-based); SQL below builds the same string."""
    return f"{prefix}{nummer:08d}"


def _kindtabellen(metadata: sa.MetaData) -> list[sa.Table]:
    """Tables with a ``zaak_id`` foreign key to ``zaak.id``, an integer ``id`` primary key and no
    other unique constraint (a copy must not collide)."""
    gevonden = []
    for tabel in metadata.sorted_tables:
        if tabel.name == "zaak" or "zaak_id" not in tabel.c or "id" not in tabel.c:
            continue
        if [c.name for c in tabel.primary_key.columns] != ["id"]:
            continue
        if not any(fk.column.table.name == "zaak" for fk in tabel.c.zaak_id.foreign_keys):
            continue
        uniek = [
            c
            for c in tabel.constraints
            if isinstance(c, sa.UniqueConstraint) and "zaak_id" not in [k.name for k in c.columns]
        ]
        if uniek or any(c.unique and c.name != "id" for c in tabel.c):
            continue
        gevonden.append(tabel)
    return gevonden


def kopieer_zaak(database_url: str, bron: str, prefix: str, aantal: int, eerste: int = 1) -> float:
    """Copy zaak ``bron`` (an identificatie) ``aantal`` times, numbered from ``eerste``; returns the
    seconds it took."""
    begin = time.perf_counter()
    engine = sa.create_engine(database_url)
    try:
        metadata = sa.MetaData()
        metadata.reflect(engine)
        zaak = metadata.tables["zaak"]
        kinderen = _kindtabellen(metadata)
        for start in range(0, aantal, _BLOK):
            with engine.begin() as conn:
                bron_id = conn.execute(sa.select(zaak.c.id).where(zaak.c.identificatie == bron)).scalar_one()
                _kopieer_blok(
                    conn, zaak, kinderen, bron_id, prefix, eerste - 1 + start, min(_BLOK, aantal - start)
                )
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                for tabel in [zaak, *kinderen]:
                    conn.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{tabel.name}', 'id'), "
                            f"(SELECT max(id) FROM {tabel.name}))"
                        )
                    )
                conn.execute(sa.text("ANALYZE"))
        else:
            with engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))
            with engine.connect() as conn:
                # The fill's pages out of the WAL now: otherwise the first commits measured copy
                # them into the database (a cost of the fill, not of a message).
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return time.perf_counter() - begin


def _getallen(aantal: int) -> str:
    """A numbers CTE 1..aantal (recursive: the same SQL on SQLite and PostgreSQL)."""
    return f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {int(aantal)}) "


def _kopieer_blok(
    conn: sa.Connection,
    zaak: sa.Table,
    kinderen: list[sa.Table],
    bron_id: int,
    prefix: str,
    start: int,
    aantal: int,
) -> None:
    """Copies numbered start+1 .. start+aantal: the zaak rows, then each child row of the source."""
    basis = int(conn.execute(sa.select(sa.func.max(zaak.c.id))).scalar_one())
    kolommen = [c.name for c in zaak.c if c.name not in ("id", "identificatie")]
    lijst = ", ".join(kolommen)
    conn.execute(
        sa.text(
            _getallen(aantal) + f"INSERT INTO zaak (id, identificatie, {lijst}) "
            "SELECT :basis + n.i, "
            "CAST(:prefix AS VARCHAR(40)) || substr(CAST(:eerste + n.i AS VARCHAR(20)), 2), "
            f"{lijst} "
            "FROM zaak, n WHERE zaak.id = :bron"
        ),
        {"basis": basis, "prefix": prefix, "eerste": 100_000_000 + start, "bron": bron_id},
    )
    for tabel in kinderen:
        rijen = conn.execute(sa.select(tabel.c.id).where(tabel.c.zaak_id == bron_id)).scalars().all()
        if not rijen:
            continue
        kolommen = [c.name for c in tabel.c if c.name not in ("id", "zaak_id")]
        lijst = ", ".join(kolommen)
        for rij in rijen:
            kind_basis = int(conn.execute(sa.select(sa.func.max(tabel.c.id))).scalar_one())
            conn.execute(
                sa.text(
                    _getallen(aantal) + f"INSERT INTO {tabel.name} (id, zaak_id, {lijst}) "
                    f"SELECT :kind_basis + n.i, :basis + n.i, {lijst} "
                    f"FROM {tabel.name}, n WHERE {tabel.name}.id = :rij"
                ),
                {"kind_basis": kind_basis, "basis": basis, "rij": rij},
            )

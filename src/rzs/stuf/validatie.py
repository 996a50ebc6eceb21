"""Schema validation of message bodies against our own XSD set (DIGEST c.13).

We validate against ``xsd/all.xsd``: our own schemas, which compile strictly in libxml2 and, unlike
the official set, enforce the fixed ``StUF:entiteittype`` values (docs/schema-differences.md).
One compiled schema per thread: lxml's XMLSchema objects must not be shared between threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from rzs.fouten import OngeldigBericht

_MAX_FOUTEN = 5


class Schema:
    """The compiled message schema, loaded lazily on first use in each thread."""

    def __init__(self, xsd_dir: Path) -> None:
        self.entry = xsd_dir / "all.xsd"
        self._local = threading.local()

    def _compiled(self) -> etree.XMLSchema:
        schema: etree.XMLSchema | None = getattr(self._local, "schema", None)
        if schema is None:
            # Our own files: parsed from their path so relative schemaLocations resolve, and
            # still without network access or entity expansion.
            document = etree.parse(str(self.entry), etree.XMLParser(no_network=True, resolve_entities=False))
            schema = etree.XMLSchema(document)
            self._local.schema = schema
        return schema

    def fouten(self, bericht: etree._Element) -> list[str]:
        """Schema errors of a message body, as short human-readable lines (empty when valid)."""
        schema = self._compiled()
        if schema.validate(bericht):
            return []
        return [f"regel {e.line}: {e.message}" for e in list(schema.error_log)[:_MAX_FOUTEN]]

    def controleer(self, bericht: etree._Element) -> None:
        """Raise StUF055 with the validator's findings when the body is not conform the schema."""
        fouten = self.fouten(bericht)
        if fouten:
            raise OngeldigBericht("; ".join(fouten))

"""Schema validation of message bodies against our own XSD set (DIGEST c.13).

We validate against ``xsd/all.xsd``: our own schemas, which compile strictly in libxml2 and, unlike
the official set, enforce the fixed ``StUF:entiteittype`` values (docs/schema-differences.md).
One compiled schema per thread: lxml's XMLSchema objects must not be shared between threads.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from rzs.fouten import OngeldigBericht

_MAX_FOUTEN = 5
#: libxml2 names the element a finding is about first: ``Element '{uri}naam': ...``.
_ELEMENT = re.compile(r"^Element '([^']+)'")


@dataclass(frozen=True, slots=True)
class Schemafout:
    """One finding of the validator: where (line, element) and libxml2's own words.

    The repairs of the tolerant mode (``stuf/reparaties.py``) act only on the elements the
    validator names, so they never touch a part of the message that was valid.
    """

    regel: int
    #: Clark name of the element the finding is about (None when libxml2 names none).
    element: str | None
    melding: str

    def __str__(self) -> str:
        return f"regel {self.regel}: {self.melding}"


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

    def compileer(self) -> None:
        """Compile the schema in this thread now (``/health/ready``: a worker that cannot is not
        ready); raises what lxml raises for a broken schema set."""
        self._compiled()

    def bevindingen(self, bericht: etree._Element) -> list[Schemafout]:
        """Every schema finding of a message body (empty when valid)."""
        schema = self._compiled()
        if schema.validate(bericht):
            return []
        return [_schemafout(e.line, e.message) for e in schema.error_log]

    def fouten(self, bericht: etree._Element) -> list[str]:
        """Schema errors of a message body, as short human-readable lines (empty when valid)."""
        return [str(fout) for fout in self.bevindingen(bericht)[:_MAX_FOUTEN]]

    def controleer(self, bericht: etree._Element) -> None:
        """Raise StUF055 with the validator's findings when the body is not conform the schema."""
        fouten = self.bevindingen(bericht)
        if fouten:
            raise ongeldig(fouten)


def ongeldig(fouten: list[Schemafout]) -> OngeldigBericht:
    """The StUF055 for these findings: the first few, as the sender reads them."""
    return OngeldigBericht("; ".join(str(fout) for fout in fouten[:_MAX_FOUTEN]))


def _schemafout(regel: int, melding: str) -> Schemafout:
    gevonden = _ELEMENT.match(melding)
    return Schemafout(regel, gevonden.group(1) if gevonden else None, melding)

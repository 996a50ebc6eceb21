"""Serving our WSDLs and XSDs over HTTP (``GET <endpoint>?wsdl``, ``GET /xsd/...``).

The WSDL files in ``wsdl/`` carry a placeholder address and relative schemaLocations; a client
that fetches ``?wsdl`` gets the address it used and absolute ``/xsd/...`` URLs, so zeep (or any
toolkit) resolves every import over HTTP. XSDs are served as they are: their relative imports
resolve against their own URL. Paths are confined to the schema directory (no ``..`` escapes).
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from rzs import ns

_PARSER = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=False)


class WsdlServer:
    def __init__(self, wsdl_dir: Path, xsd_dir: Path, wsdl_per_pad: dict[str, str]) -> None:
        self.wsdl_dir = wsdl_dir
        self.xsd_dir = xsd_dir.resolve()
        self.wsdl_per_pad = wsdl_per_pad
        self._cache: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def wsdl(self, pad: str, basis_url: str) -> bytes | None:
        """The WSDL for endpoint ``pad`` with real addresses, or None when the path has none."""
        bestand = self.wsdl_per_pad.get(pad)
        if bestand is None:
            return None
        sleutel = (pad, basis_url)
        with self._lock:
            if sleutel not in self._cache:
                self._cache[sleutel] = self._herschrijf(self.wsdl_dir / bestand, basis_url + pad, basis_url)
            return self._cache[sleutel]

    def _herschrijf(self, bestand: Path, adres: str, basis_url: str) -> bytes:
        tree = etree.parse(str(bestand), _PARSER)
        for address in tree.iter(ns.qname(ns.WSDL_SOAP11, "address")):
            address.set("location", adres)
        for element in tree.iter(ns.qname(ns.XSD, "import"), ns.qname(ns.XSD, "include")):
            locatie = element.get("schemaLocation")
            if locatie:
                element.set("schemaLocation", self._xsd_url(locatie, basis_url))
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")

    def _xsd_url(self, locatie: str, basis_url: str) -> str:
        absoluut = (self.wsdl_dir / locatie).resolve()
        relatief = absoluut.relative_to(self.xsd_dir)
        return f"{basis_url}/xsd/{relatief.as_posix()}"

    def xsd(self, relatief_pad: str) -> bytes | None:
        """The bytes of ``xsd/<relatief_pad>``, or None when it is not a schema of ours."""
        doel = (self.xsd_dir / relatief_pad).resolve()
        if not doel.is_relative_to(self.xsd_dir) or doel.suffix != ".xsd" or not doel.is_file():
            return None
        return doel.read_bytes()

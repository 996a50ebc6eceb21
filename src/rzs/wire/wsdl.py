"""Serving our WSDLs and XSDs over HTTP (``GET <endpoint>?wsdl``, ``GET /xsd/...``).

The WSDL files in ``wsdl/`` carry a placeholder address and relative schemaLocations; a client
that fetches ``?wsdl`` gets the address it used and absolute ``/xsd/...`` URLs, so zeep (or any
toolkit) resolves every import over HTTP. XSDs are served as they are: their relative imports
resolve against their own URL. Paths are confined to the schema directory (no ``..`` escapes).

The root ``/`` accepts every operation, so ``GET /?wsdl`` answers too (issue 10: Open Forms'
configuration check fetches ``<its one URL>?wsdl``). That WSDL is derived, never written by hand:
a ``wsdl:import`` of each endpoint's WSDL and one port per binding of theirs, all at ``/``. A
new operation in any endpoint's WSDL file is in the root WSDL without further work.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from rzs import ns

_PARSER = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=False)
_ROOT = "/"
_WSDL_PORT = ns.qname(ns.WSDL, "port")


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
        if bestand is None and pad != _ROOT:
            return None
        sleutel = (pad, basis_url)
        with self._lock:
            if sleutel not in self._cache:
                self._cache[sleutel] = (
                    self._herschrijf(self.wsdl_dir / bestand, basis_url + pad, basis_url)
                    if bestand is not None
                    else self._alle_operaties(basis_url)
                )
            return self._cache[sleutel]

    def _alle_operaties(self, basis_url: str) -> bytes:
        """The root WSDL: each endpoint's WSDL imported (over HTTP, as it is served) and each of
        its bindings given a port at ``/``, named after the endpoint (``zkn_VrijeBerichten``)."""
        imports: dict[str, str] = {}  # location -> targetNamespace
        poorten: list[tuple[str, str, str]] = []  # (port name, binding namespace, binding name)
        for pad, bestand in self.wsdl_per_pad.items():
            root = etree.parse(str(self.wsdl_dir / bestand), _PARSER).getroot()
            imports[f"{basis_url}{pad}?wsdl"] = root.get("targetNamespace") or ""
            eigen = root.findall(f".//{_WSDL_PORT}")
            for port in eigen:
                prefix, _, lokaal = (port.get("binding") or "").rpartition(":")
                naam = pad.strip("/").replace("/", "_")
                naam += f"_{port.get('name')}" if len(eigen) > 1 else ""
                poorten.append((naam, port.nsmap[prefix or None], lokaal))
        bekend = {uri: prefix for prefix, uri in ns.NSMAP.items()}
        prefixen = {
            uri: bekend.get(uri, f"b{i}") for i, uri in enumerate(dict.fromkeys(uri for _, uri, _ in poorten))
        }
        nsmap: dict[str | None, str] = {"wsdl": ns.WSDL, "soap": ns.WSDL_SOAP11}
        nsmap.update({p: uri for uri, p in prefixen.items()})
        definitions = etree.Element(
            ns.qname(ns.WSDL, "definitions"), nsmap=nsmap, name="StufRzs", targetNamespace=ns.STUF_RZS_WSDL
        )
        for locatie, namespace in imports.items():
            etree.SubElement(definitions, ns.qname(ns.WSDL, "import"), namespace=namespace, location=locatie)
        service = etree.SubElement(definitions, ns.qname(ns.WSDL, "service"), name="StufRzs")
        for naam, uri, lokaal in poorten:
            port = etree.SubElement(service, _WSDL_PORT, name=naam, binding=f"{prefixen[uri]}:{lokaal}")
            etree.SubElement(port, ns.qname(ns.WSDL_SOAP11, "address"), location=basis_url + _ROOT)
        return etree.tostring(definitions, xml_declaration=True, encoding="UTF-8")

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

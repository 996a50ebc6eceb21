"""MTOM/XOP (StUF Binding 03.02, DIGEST f.3 and g.21): ``multipart/related`` requests and replies.

In: the multipart body is split while it streams in. The root part (the SOAP envelope, at most
``max_bytes``) is collected and parsed like a plain request; every other part goes into a spooled
file of the :class:`~rzs.wire.inhoud.Ontvangst`, hashed on the way. Each
``<xop:Include href="cid:..."/>`` inside a ``ZKN:inhoud`` is then replaced by the sha256 of the
part it names, exactly the placeholder inline base64 gets, so the services never see the
difference.

Out: when the request was MTOM and the reply carries content, the reply is MTOM too: the envelope
with an ``xop:Include`` per content element as root part, then one binary part per document,
streamed from the content store.
"""

from __future__ import annotations

import hashlib
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from rzs import ns
from rzs.fouten import OngeldigBericht
from rzs.wire.envelope import SoapVersie
from rzs.wire.inhoud import Base64Sink, Inhoudsbron, Ontvangst, Stroom, lees_xml

XOP_INCLUDE = ns.qname(ns.XOP, "Include")
#: Parts besides the root part we accept in one request (a kennisgeving has at most two documents).
MAX_DELEN = 8
_MAX_KOPTEKST = 16 * 1024


def is_mtom(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "multipart/related"


def parameters(content_type: str) -> dict[str, str]:
    """The parameters of a MIME Content-Type (names lowercased, quotes removed)."""
    waarden: dict[str, str] = {}
    for deel in _splits_parameters(content_type)[1:]:
        naam, _, waarde = deel.partition("=")
        waarde = waarde.strip()
        if len(waarde) >= 2 and waarde[0] == waarde[-1] == '"':
            waarde = waarde[1:-1]
        waarden[naam.strip().lower()] = waarde
    return waarden


def _splits_parameters(content_type: str) -> list[str]:
    """Split on ``;`` outside quotes (a SOAP 1.2 action URL or start-info may contain one)."""
    delen: list[str] = []
    huidig: list[str] = []
    in_quotes = False
    for teken in content_type:
        if teken == '"':
            in_quotes = not in_quotes
        if teken == ";" and not in_quotes:
            delen.append("".join(huidig))
            huidig = []
        else:
            huidig.append(teken)
    delen.append("".join(huidig))
    return delen


@dataclass
class _Deel:
    koppen: dict[str, str]
    content_id: str | None
    #: The root part: collected in memory.
    data: list[bytes] = field(default_factory=list)
    #: Any other part: spooled to a file and hashed.
    bestand: BinaryIO | None = None
    sha: hashlib._Hash | None = None
    sink: Base64Sink | None = None
    grootte: int = 0


def lees(
    chunks: Iterable[bytes], content_type: str, ontvangst: Ontvangst, *, max_bytes: int
) -> etree._Element:
    """Parse an MTOM request; its parts become bijlagen of ``ontvangst``."""
    params = parameters(content_type)
    boundary = params.get("boundary")
    if not boundary:
        raise OngeldigBericht("multipart/related zonder boundary")
    start = _cid(params["start"]) if params.get("start") else None
    root: _Deel | None = None
    delen: dict[str, _Deel] = {}
    huidig: _Deel | None = None
    for soort, waarde in _gebeurtenissen(chunks, boundary.encode("latin-1")):
        if soort == "begin":
            assert isinstance(waarde, dict)
            huidig = _Deel(waarde, _cid(waarde["content-id"]) if "content-id" in waarde else None)
            if root is None and (start is None or huidig.content_id == start):
                root = huidig
            else:
                _begin_bijlage(huidig, ontvangst, len(delen))
                delen[huidig.content_id or f"deel-{len(delen)}"] = huidig
        elif soort == "data":
            assert isinstance(waarde, bytes) and huidig is not None
            _schrijf(huidig, waarde, huidig is root, ontvangst, max_bytes)
    if root is None:
        raise OngeldigBericht("MTOM-bericht zonder root-deel (SOAP-envelope)")
    envelope = lees_xml(root.data, ontvangst, max_bytes=max_bytes)
    _vervang_includes(envelope, delen, ontvangst)
    return envelope


def _cid(waarde: str) -> str:
    """A Content-ID header or ``start`` parameter, or a ``cid:`` URL, as the bare id (RFC 2392)."""
    waarde = waarde.strip()
    if waarde.lower().startswith("cid:"):
        waarde = urllib.parse.unquote(waarde[4:])
    return waarde.strip("<>")


def _begin_bijlage(deel: _Deel, ontvangst: Ontvangst, aantal: int) -> None:
    if aantal >= MAX_DELEN:
        raise OngeldigBericht(f"Een MTOM-bericht mag hoogstens {MAX_DELEN} bijlagen hebben")
    codering = deel.koppen.get("content-transfer-encoding", "binary").strip().lower()
    if codering == "base64":
        deel.sink = Base64Sink(ontvangst)
    elif codering in {"binary", "8bit", "7bit"}:
        deel.bestand = ontvangst.nieuw_bestand()
        deel.sha = hashlib.sha256()
    else:
        raise OngeldigBericht(f"Content-Transfer-Encoding {codering!r} wordt niet ondersteund")


def _schrijf(deel: _Deel, data: bytes, is_root: bool, ontvangst: Ontvangst, max_bytes: int) -> None:
    deel.grootte += len(data)
    if is_root:
        if deel.grootte > max_bytes:
            raise OngeldigBericht(f"Bericht is groter dan het maximum van {max_bytes} bytes")
        deel.data.append(data)
    elif deel.sink is not None:
        deel.sink.write(data.decode("ascii", errors="replace"))
    else:
        assert deel.bestand is not None and deel.sha is not None
        if deel.grootte > ontvangst.max_document_bytes:
            raise ontvangst.te_groot()
        deel.sha.update(data)
        deel.bestand.write(data)


def _vervang_includes(envelope: etree._Element, delen: dict[str, _Deel], ontvangst: Ontvangst) -> None:
    for include in list(envelope.iter(XOP_INCLUDE)):
        inhoud = include.getparent()
        if inhoud is None or inhoud.tag != ns.zkn("inhoud"):
            raise OngeldigBericht("xop:Include is alleen toegestaan in ZKN:inhoud")
        deel = delen.get(_cid(include.get("href") or ""))
        if deel is None:
            raise OngeldigBericht(f"xop:Include verwijst naar een onbekend deel {include.get('href')!r}")
        if deel.sink is not None:
            sha = deel.sink.close()
        else:
            assert deel.bestand is not None and deel.sha is not None
            sha = ontvangst.registreer(
                deel.bestand, deel.sha.hexdigest(), deel.grootte, deel.koppen.get("content-type")
            )
        inhoud.remove(include)
        inhoud.text = sha


def _gebeurtenissen(chunks: Iterable[bytes], boundary: bytes) -> Iterator[tuple[str, object]]:
    """Split a multipart body while it streams: ``("begin", headers)``, ``("data", bytes)``...

    RFC 2046: a delimiter is CRLF ``--boundary``, then ``--`` (the end) or optional whitespace and
    CRLF; the part's headers end with an empty line. Only the last ``len(delimiter) - 1`` bytes are
    held back, in case a delimiter straddles two chunks.
    """
    delimiter = b"\r\n--" + boundary
    buffer = b"\r\n"  # the first delimiter may open the body without a preceding CRLF
    toestand = "preambule"
    for chunk in chunks:
        buffer += chunk
        while True:
            if toestand in {"preambule", "deel"}:
                index = buffer.find(delimiter)
                if index < 0:
                    bewaar = len(delimiter) - 1
                    if len(buffer) > bewaar:
                        if toestand == "deel":
                            yield "data", buffer[:-bewaar]
                        buffer = buffer[-bewaar:]
                    break
                if toestand == "deel" and index:
                    yield "data", buffer[:index]
                buffer = buffer[index + len(delimiter) :]
                toestand = "na_delimiter"
            if toestand == "na_delimiter":
                if len(buffer) < 2:
                    break
                if buffer.startswith(b"--"):
                    return  # the epilogue after the close delimiter is ignored
                einde = buffer.find(b"\r\n")
                if einde < 0:
                    if len(buffer) > _MAX_KOPTEKST:
                        raise OngeldigBericht("Ongeldige MIME-boundary in het MTOM-bericht")
                    break
                buffer = buffer[einde + 2 :]
                toestand = "koppen"
            if toestand == "koppen":
                if buffer.startswith(b"\r\n"):
                    koppen, buffer = {}, buffer[2:]
                else:
                    einde = buffer.find(b"\r\n\r\n")
                    if einde < 0:
                        if len(buffer) > _MAX_KOPTEKST:
                            raise OngeldigBericht("De MIME-headers van een MTOM-deel zijn te groot")
                        break
                    koppen, buffer = _koppen(buffer[:einde]), buffer[einde + 4 :]
                yield "begin", koppen
                toestand = "deel"
    raise OngeldigBericht("Het MTOM-bericht eindigt zonder afsluitende MIME-boundary")


def _koppen(blok: bytes) -> dict[str, str]:
    koppen: dict[str, str] = {}
    for regel in blok.decode("latin-1").split("\r\n"):
        naam, dubbelepunt, waarde = regel.partition(":")
        if dubbelepunt:
            koppen[naam.strip().lower()] = waarde.strip()
    return koppen


def mtom_antwoord(
    versie: SoapVersie,
    antwoord: etree._Element,
    elementen: list[tuple[etree._Element, str]],
    bron: Inhoudsbron,
) -> tuple[str, Stroom]:
    """The reply as ``multipart/related``: root part with xop:Include, then the documents raw."""
    boundary = f"rzs-{uuid.uuid4().hex}"
    soap_type = versie.content_type.split(";", 1)[0]
    root_id = f"root.{uuid.uuid4().hex}@rzs"
    delen: list[tuple[bytes, str]] = []
    for nummer, (element, sha) in enumerate(elementen, start=1):
        content_id = f"inhoud-{nummer}.{uuid.uuid4().hex}@rzs"
        element.text = None
        include = etree.SubElement(element, XOP_INCLUDE, nsmap={"xop": ns.XOP})
        include.set("href", "cid:" + urllib.parse.quote(content_id, safe="@."))
        soort = element.get(ns.xmime("contentType")) or "application/octet-stream"
        kop = (
            f"\r\n--{boundary}\r\nContent-Type: {soort}\r\nContent-Transfer-Encoding: binary\r\n"
            f"Content-ID: <{content_id}>\r\n\r\n"
        )
        delen.append((kop.encode("latin-1"), sha))
    root_kop = (
        f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
        f'type="{soap_type}"\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: <{root_id}>\r\n\r\n'
    ).encode("latin-1")
    root = root_kop + versie.envelope(antwoord)
    slot = f"\r\n--{boundary}--\r\n".encode("latin-1")
    lengte = len(root) + len(slot) + sum(len(kop) + bron.size(sha) for kop, sha in delen)

    def stroom() -> Iterator[bytes]:
        yield root
        for kop, sha in delen:
            yield kop
            yield from bron.chunks(sha)
        yield slot

    content_type = (
        f'multipart/related; type="application/xop+xml"; boundary="{boundary}"; '
        f'start="<{root_id}>"; start-info="{soap_type}"'
    )
    return content_type, Stroom(lengte, stroom())

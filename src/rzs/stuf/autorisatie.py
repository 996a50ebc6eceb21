"""Who may send what: the authorisation policy (``--autorisatie FILE``) and its checks.

RZS §7 (DIGEST a.4): the receiver authenticates the sending system and authorises on the
stuurgegeven ``zender`` (organisatie/applicatie); a refusal is StUF052 (DIGEST c.10, BR-15). The
policy is one TOML file (format and example: docs/operations.md "Autorisatie (the policy file)")::

    [[zender]]
    organisatie = "0363"                      # optional: omitted matches any organisatie
    applicatie = "REGIE"
    operaties = ["creeerZaak_Lk01", "geefZaakdetails_Lv01"]   # WSDL operation names, or ["*"]
    zaaktypen = ["GZP", "LDP"]                # optional: omitted or ["*"] allows every zaaktype
    certificaten = ["serialNumber=00000001234567890000"]      # optional, see Onderwerp

Two checks, one model:

* :meth:`Autorisatie.controleer` runs in the dispatcher after the stuurgegevens checks: is the
  zender in the policy, is it bound to the certificate that was presented, may it use this
  operation. It returns the zender's :class:`Toegang`, which travels with the request.
* :meth:`Toegang.controleer_zaaktype` runs wherever a service loads or stores a zaak (through
  ``services/toegang.py``, the one guarded view of the zaken): a zender may only read and change
  zaken of its zaaktypen.

Without a policy the server is open (:data:`OPEN`): every zender may do everything, and the
start-up line says so (``--strikt`` refuses to start like that).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rzs.fouten import StufFout
from rzs.stuf.stuurgegevens import Systeem

#: In ``operaties`` or ``zaaktypen``: everything.
ALLES = "*"

#: Subject attribute names as written in the policy and in a DN, by the long names Python's
#: ``ssl.getpeercert()`` uses. serialNumber carries the OIN in Digikoppeling (PKIoverheid) certs.
KORTE_NAMEN: dict[str, str] = {
    "commonName": "CN",
    "serialNumber": "serialNumber",
    "organizationName": "O",
    "organizationalUnitName": "OU",
    "countryName": "C",
    "localityName": "L",
    "stateOrProvinceName": "ST",
    "organizationIdentifier": "organizationIdentifier",
}


class NietGeautoriseerd(StufFout):
    """The sending system may not do this (StUF052, plek client; DIGEST a.4, c.10)."""

    default_code = "StUF052"


class AutorisatieBestandFout(ValueError):
    """The policy file cannot be used; the server does not start (one line, no traceback)."""


@dataclass(frozen=True, slots=True)
class Onderwerp:
    """The verified subject of a client certificate: its distinguished name as (name, value)
    pairs, names short (``CN``, ``O``, ``serialNumber``; :data:`KORTE_NAMEN`).

    A policy binds a zender to subjects by ``naam=waarde`` strings: ``serialNumber=<OIN>`` for a
    Digikoppeling/PKIoverheid certificate (the OIN identifies the organisation, whatever the
    server name in the CN), ``CN=<name>`` for a certificate of the gemeente's own CA. A binding
    matches when the subject has that attribute with exactly that value; nothing else counts.
    """

    kenmerken: tuple[tuple[str, str], ...]

    def heeft(self, binding: str) -> bool:
        naam, _, waarde = binding.partition("=")
        return (_normaliseer_naam(naam.strip()), waarde.strip()) in self.kenmerken

    def __str__(self) -> str:
        return ",".join(f"{naam}={waarde}" for naam, waarde in self.kenmerken)


#: Every spelling of a name we accept (long or short, any case) -> its short name.
_NAMEN = {naam.lower(): kort for lang, kort in KORTE_NAMEN.items() for naam in (lang, kort)}


def _normaliseer_naam(naam: str) -> str:
    return _NAMEN.get(naam.lower(), naam)


def onderwerp(kenmerken: Iterable[tuple[str, str]]) -> Onderwerp:
    """An :class:`Onderwerp` from attribute pairs with long or short names, in any case."""
    return Onderwerp(tuple((_normaliseer_naam(naam), waarde) for naam, waarde in kenmerken))


@dataclass(frozen=True, slots=True)
class Toegang:
    """What one zender may touch: its zaaktypen (None: every zaaktype)."""

    zender: str
    zaaktypen: frozenset[str] | None = None

    def controleer_zaaktype(self, code: str) -> None:
        if self.zaaktypen is not None and code not in self.zaaktypen:
            raise NietGeautoriseerd(
                f"AUT-03: zender {self.zender} is niet geautoriseerd voor zaken van zaaktype {code}"
            )


#: No policy: everything is allowed.
OPEN = Toegang("(geen autorisatie)")


@dataclass(frozen=True, slots=True)
class Zenderbeleid:
    """One ``[[zender]]`` entry of the policy file."""

    applicatie: str
    organisatie: str = ""
    operaties: frozenset[str] = frozenset()
    zaaktypen: frozenset[str] | None = None
    certificaten: tuple[str, ...] = ()

    def past_bij(self, zender: Systeem) -> bool:
        organisatie_past = not self.organisatie or self.organisatie == (zender.organisatie or "")
        return organisatie_past and self.applicatie == zender.applicatie

    @property
    def naam(self) -> str:
        return f"{self.organisatie}/{self.applicatie}" if self.organisatie else self.applicatie


@dataclass(frozen=True, slots=True)
class Autorisatie:
    """The whole policy: which zenders exist and what each may do. The first matching entry
    counts, so an entry with an organisatie should come before one without."""

    bron: Path
    zenders: tuple[Zenderbeleid, ...]

    def controleer(self, zender: Systeem | None, operatie: str, certificaat: Onderwerp | None) -> Toegang:
        """The zender's Toegang for ``operatie``, or NietGeautoriseerd (StUF052)."""
        beleid = next((b for b in self.zenders if zender is not None and b.past_bij(zender)), None)
        if zender is None or beleid is None:
            naam = zender.naam if zender is not None else "(geen)"
            raise NietGeautoriseerd(f"AUT-01: zender {naam} staat niet in de autorisatie van dit systeem")
        _controleer_certificaat(beleid, zender, certificaat)
        if ALLES not in beleid.operaties and operatie not in beleid.operaties:
            raise NietGeautoriseerd(f"AUT-02: zender {zender.naam} is niet geautoriseerd voor {operatie}")
        return Toegang(zender.naam, beleid.zaaktypen)


def _controleer_certificaat(beleid: Zenderbeleid, zender: Systeem, certificaat: Onderwerp | None) -> None:
    """A zender with ``certificaten`` needs one of them; a presented certificate must be bound to
    the zender it sends as, so certificate A cannot send as a zender that lists no certificate."""
    if certificaat is None and not beleid.certificaten:
        return
    if certificaat is None:
        raise NietGeautoriseerd(f"AUT-04: zender {zender.naam} vereist een clientcertificaat")
    if not any(certificaat.heeft(binding) for binding in beleid.certificaten):
        raise NietGeautoriseerd(
            f"AUT-04: het clientcertificaat ({certificaat}) is niet gebonden aan zender {zender.naam}"
        )


def laad(pad: Path, operaties: Iterable[str]) -> Autorisatie:
    """Read the policy file; every operation it names must be one of ``operaties`` (a typo must
    not silently deny, or worse, be overlooked). AutorisatieBestandFout otherwise."""
    try:
        data = tomllib.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as fout:
        raise AutorisatieBestandFout(f"autorisatiebestand {pad}: {fout}") from None
    entries = data.get("zender", [])
    if not isinstance(entries, list) or set(data) - {"zender"}:
        raise AutorisatieBestandFout(f"autorisatiebestand {pad}: alleen [[zender]]-tabellen verwacht")
    bekend = set(operaties) | {ALLES}
    zenders = tuple(_zenderbeleid(pad, nummer, entry, bekend) for nummer, entry in enumerate(entries, 1))
    return Autorisatie(pad, zenders)


_VELDEN = {"organisatie", "applicatie", "operaties", "zaaktypen", "certificaten"}


def _zenderbeleid(pad: Path, nummer: int, entry: object, bekend: set[str]) -> Zenderbeleid:
    plaats = f"autorisatiebestand {pad}, zender {nummer}"
    if not isinstance(entry, dict) or set(entry) - _VELDEN:
        raise AutorisatieBestandFout(f"{plaats}: alleen de velden {', '.join(sorted(_VELDEN))}")
    applicatie = entry.get("applicatie")
    organisatie = entry.get("organisatie", "")
    if not isinstance(applicatie, str) or not applicatie or not isinstance(organisatie, str):
        raise AutorisatieBestandFout(f"{plaats}: applicatie (en organisatie) moeten tekst zijn")
    operaties = _lijst(plaats, entry, "operaties")
    if onbekend := set(operaties) - bekend:
        raise AutorisatieBestandFout(f"{plaats}: onbekende operaties {', '.join(sorted(onbekend))}")
    zaaktypen = _lijst(plaats, entry, "zaaktypen") if "zaaktypen" in entry else [ALLES]
    certificaten = _lijst(plaats, entry, "certificaten")
    if fout := [c for c in certificaten if "=" not in c]:
        raise AutorisatieBestandFout(f"{plaats}: certificaten als naam=waarde, niet {fout[0]!r}")
    return Zenderbeleid(
        applicatie=applicatie,
        organisatie=organisatie,
        operaties=frozenset(operaties),
        zaaktypen=None if ALLES in zaaktypen else frozenset(zaaktypen),
        certificaten=tuple(certificaten),
    )


def _lijst(plaats: str, entry: dict[str, object], veld: str) -> list[str]:
    waarde = entry.get(veld, [])
    if not isinstance(waarde, list) or not all(isinstance(w, str) for w in waarde):
        raise AutorisatieBestandFout(f"{plaats}: {veld} moet een lijst met tekst zijn")
    return [str(w) for w in waarde]

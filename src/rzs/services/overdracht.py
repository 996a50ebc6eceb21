"""overdragenZaak in both directions (DIGEST d.6, g.28; SCENARIOS REG-17, BO-15).

* **Backoffice role.** :func:`overdragen_zaak` receives an overdragenZaak_Di01 about a zaak we
  know (else StUF064), records it for review (``ontvangen``) and answers Bv03; a person decides
  later and :func:`bevestig` sends the overdragenZaak_Du01 (``rzs overdracht bevestig``).
* **Regiesysteem role.** :func:`stuur` sends an overdragenZaak_Di01 (``rzs overdracht stuur``) and
  records it (``verstuurd``); :func:`bevestig_overdragen_zaak` receives the Du01, finds the
  overdracht by its crossRefnummer (else StUF043) and records ``geaccepteerd``/``geweigerd``.

Outgoing messages go through the outbox in the same transaction as the record, so the record and
the message exist together or not at all. The state is shown by ``rzs overdracht list``: a zakLa01
has no element for it (``StUF:extraElementen`` in ZAK-AW could carry it, see docs/services.md).
"""

from __future__ import annotations

import logging

from lxml import etree

from rzs.domain.overdracht import ANTWOORDEN, Overdracht, OverdrachtStatus, Richting
from rzs.fouten import Bedrijfsregel, ObjectNietGevonden, OngeldigBericht, StufFout
from rzs.services.context import Context
from rzs.stuf import berichten, rzsberichten
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.bericht import Verzoek
from rzs.stuf.stuurgegevens import Systeem

_log = logging.getLogger(__name__)


def overdragen_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """overdragenZaak_Di01 to us: store the assignment for review (d.6 receiver rules), Bv03."""
    identificatie, _ = rzsberichten.lees_overdracht(verzoek.body)
    if not ctx.zaken.exists(identificatie):
        raise ObjectNietGevonden(f"Zaak {identificatie} bestaat niet")
    gegevens = _stuurgegevens(verzoek)
    assert gegevens.zender is not None and gegevens.referentienummer  # Systeemcontrole: async
    ctx.repos.overdrachten.add(
        Overdracht(
            zaak_identificatie=identificatie,
            richting=Richting.IN,
            referentienummer=gegevens.referentienummer,
            zender=gegevens.zender.sleutel,
            ontvanger=ctx.afzender.voor(gegevens).sleutel,
            status=OverdrachtStatus.ONTVANGEN,
            melding=_melding(rzsberichten.meldingen(verzoek.body)),
        )
    )
    _log.info("overdracht ontvangen zaak=%s van %s", identificatie, gegevens.zender.applicatie)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def bevestig_overdragen_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """overdragenZaak_Du01 to us: the answer to an overdracht we sent (crossRefnummer, g.28)."""
    gegevens = _stuurgegevens(verzoek)
    cross = gegevens.cross_refnummer or ""
    gevonden = ctx.repos.overdrachten.find(Richting.UIT, cross) if cross else []
    if not gevonden:
        raise StufFout(f"Geen overdragenZaak verstuurd met referentienummer {cross!r}", code="StUF043")
    overdracht = gevonden[0]
    identificatie, antwoord = rzsberichten.lees_overdracht(verzoek.body)
    if identificatie != overdracht.zaak_identificatie:
        raise Bedrijfsregel(
            f"OV-01: overdracht {cross} betreft zaak {overdracht.zaak_identificatie}, niet {identificatie}"
        )
    if overdracht.is_beantwoord:
        raise Bedrijfsregel(f"OV-02: overdracht {cross} is al beantwoord ({overdracht.status.value})")
    status = ANTWOORDEN.get(antwoord or "")
    if status is None:
        raise OngeldigBericht(f"Onbekend antwoord {antwoord!r}")
    assert overdracht.id is not None
    ctx.repos.overdrachten.beantwoord(
        overdracht.id, status, _melding(rzsberichten.meldingen(verzoek.body)), gegevens.referentienummer or ""
    )
    _log.info("overdracht zaak=%s %s", identificatie, status.value)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def stuur(
    ctx: Context, zaak_identificatie: str, *, naar: str, ontvanger: Systeem, meldingen: list[str]
) -> str:
    """Hand a zaak over to a backoffice: record and queue an overdragenZaak_Di01; returns its
    referentienummer (the Du01 will name it as crossRefnummer)."""
    zaak = ctx.zaken.get(zaak_identificatie)
    if zaak is None:
        raise ObjectNietGevonden(f"Zaak {zaak_identificatie} bestaat niet")
    eigen = ctx.afzender.systeem
    referentienummer = sg.nieuw_referentienummer()
    bericht = rzsberichten.overdragen_zaak_di01(
        zaak.identificatie,
        zaak.zaaktype.code,
        zaak.zaaktype.omschrijving,
        zender=eigen,
        ontvanger=ontvanger,
        referentienummer=referentienummer,
        meldingen=meldingen,
    )
    ctx.repos.overdrachten.add(
        Overdracht(
            zaak_identificatie=zaak.identificatie,
            richting=Richting.UIT,
            referentienummer=referentienummer,
            zender=eigen.sleutel,
            ontvanger=ontvanger.sleutel,
            status=OverdrachtStatus.VERSTUURD,
            melding=_melding(meldingen),
        )
    )
    ctx.outbox.plaats(bericht, bestemming=naar, zaak_identificatie=zaak.identificatie)
    return referentienummer


def bevestig(
    ctx: Context, referentienummer: str, *, geaccepteerd: bool, naar: str, meldingen: list[str]
) -> str:
    """Answer an overdracht we received: record the decision and queue the overdragenZaak_Du01
    (crossRefnummer = the Di01's referentienummer); returns the Du01's referentienummer."""
    gevonden = ctx.repos.overdrachten.find(Richting.IN, referentienummer)
    if not gevonden:
        raise ObjectNietGevonden(f"Geen ontvangen overdracht met referentienummer {referentienummer}")
    if len(gevonden) > 1:
        raise Bedrijfsregel(f"Referentienummer {referentienummer} hoort bij overdrachten van meer zenders")
    overdracht = gevonden[0]
    if overdracht.is_beantwoord:
        raise Bedrijfsregel(
            f"OV-02: overdracht {referentienummer} is al beantwoord ({overdracht.status.value})"
        )
    status = OverdrachtStatus.GEACCEPTEERD if geaccepteerd else OverdrachtStatus.GEWEIGERD
    antwoord = next(tekst for tekst, waarde in ANTWOORDEN.items() if waarde is status)
    eigen_referentie = sg.nieuw_referentienummer()
    bericht = rzsberichten.overdragen_zaak_du01(
        overdracht.zaak_identificatie,
        antwoord,
        cross_refnummer=overdracht.referentienummer,
        zender=Systeem.uit_sleutel(overdracht.ontvanger),
        ontvanger=Systeem.uit_sleutel(overdracht.zender),
        referentienummer=eigen_referentie,
        meldingen=meldingen,
    )
    assert overdracht.id is not None
    ctx.repos.overdrachten.beantwoord(overdracht.id, status, _melding(meldingen), eigen_referentie)
    ctx.outbox.plaats(bericht, bestemming=naar, zaak_identificatie=overdracht.zaak_identificatie)
    return eigen_referentie


def _stuurgegevens(verzoek: Verzoek) -> sg.Stuurgegevens:
    if verzoek.stuurgegevens is None:
        raise OngeldigBericht("Het bericht bevat geen stuurgegevens")
    return verzoek.stuurgegevens


def _melding(meldingen: list[str]) -> str | None:
    return "; ".join(meldingen) or None

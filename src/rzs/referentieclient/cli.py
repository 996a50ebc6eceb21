"""``rzs-client``: the reference consumer on the command line.

    rzs-client --endpoint http://127.0.0.1:8080 genereer-zaakidentificatie
    rzs-client --endpoint URL creeer-gezinsplan --variant A
    rzs-client --endpoint URL creeer-levensdomeinplan --variant A --gezinsplan ID
    rzs-client --endpoint URL voeg-document-toe ZAAK plan.pdf
    rzs-client --endpoint URL regiesysteem-flow --luister-port 8091     (the whole Regiesysteem sheet)
    rzs-client --endpoint URL backoffice-flow --luister-port 8091       (the whole backoffice sheet)
    rzs-client luister --port 8091                   (receive notificaties, overdragenZaak Di01/Du01)
    rzs-client --endpoint URL --ontvanger ORG/APP bevestig-overdracht ZAAK --crossref REF [--weiger]
    rzs-client --endpoint URL voorzieningen-regie        (a deelplan-zaak with a voorziening, aangevraagd)
    rzs-client --endpoint URL voorzieningen-backoffice ZAAK --stap alle|beschikking|verzoek|...

``--endpoint`` is the base URL of a zaaksysteem laid out like stuf-rzs (``/zkn/...``, ``/rzs/...``,
each serving ``?wsdl``), e.g. ``rzs serve`` or ``rzs-compliance serve``. Exit code 0 when every
message was accepted, 1 when one was refused, 2 on wrong use.
"""

from __future__ import annotations

import argparse
import base64
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from rzs.referentieclient.backoffice import GEACCEPTEERD, Backoffice, backoffice_flow
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.flows import Regiesysteem, regiesysteem_flow
from rzs.referentieclient.luister import Ontvanger, Overdracht, luister
from rzs.referentieclient.verbinding import StufFout, Verbinding
from rzs.referentieclient.voorzieningen import (
    HELE_LEVERING,
    STAPPEN,
    Voorzieningbackoffice,
    Voorzieningregie,
    backoffice_stappen,
)


def _berichten(args: argparse.Namespace) -> Berichten:
    """Our identity: --zender, or by default the Regiesysteem (the backoffice for its commands)."""
    backoffice = args.command in ("backoffice-flow", "bevestig-overdracht", "voorzieningen-backoffice")
    zender = args.zender or ("0000/BACKOFFICE" if backoffice else "0000/REGIESYSTEEM")
    return Berichten(Systeem.van(zender), Systeem.van(args.ontvanger))


def _verbinding(args: argparse.Namespace) -> Verbinding:
    if not args.endpoint:
        raise SystemExit("rzs-client: --endpoint is nodig voor dit commando")
    return Verbinding(args.endpoint, args.soap, args.timeout)


def _regie(args: argparse.Namespace) -> Regiesysteem:
    return Regiesysteem(_berichten(args), _verbinding(args))


def _toon(element: etree._Element) -> None:
    etree.indent(element)
    print(etree.tostring(element, encoding="unicode"))


def _opdracht(args: argparse.Namespace) -> int:
    regie = _regie(args)
    c = args.command
    if c == "genereer-zaakidentificatie":
        print(regie.genereer_zaakidentificatie())
    elif c == "genereer-documentidentificatie":
        print(regie.genereer_documentidentificatie())
    elif c in ("creeer-gezinsplan", "creeer-levensdomeinplan", "creeer-deelplan"):
        ouders = {"gezinsplan": args.gezinsplan or "", "levensdomeinplan": args.levensdomeinplan or ""}
        print(regie.creeer_plan(c.removeprefix("creeer-"), args.variant, ouders))
    elif c == "update-zaak":
        regie.update_zaak(args.zaak, args.soort)
    elif c == "zet-status":
        regie.zet_status(args.zaak, args.volgnummer, args.omschrijving)
    elif c == "voeg-document-toe":
        inhoud = base64.b64encode(Path(args.bestand).read_bytes()).decode()
        print(regie.voeg_document_toe(args.zaak, inhoud, Path(args.bestand).name))
    elif c == "bewerk-document":
        print(regie.bewerk_document(args.document))
    elif c == "geef-zaakstatus":
        _toon(regie.geef_zaakstatus(args.zaak))
    elif c == "geef-zaakdetails":
        _toon(regie.geef_zaakdetails(args.zaak))
    elif c == "geef-lijst-zaakdocumenten":
        _toon(regie.geef_lijst_zaakdocumenten(args.zaak))
    elif c == "geef-zaakdocument":
        _toon(regie.geef_zaakdocument(args.document))
    elif c == "draag-over":
        print(regie.draag_over(args.zaak))
    return 0


def _bevestig(args: argparse.Namespace) -> int:
    """A decision on an overdracht shown by ``luister``: the Du01 goes to --endpoint/--ontvanger."""
    backoffice = Backoffice(_berichten(args), _verbinding(args))
    overdracht = Overdracht(args.crossref, args.zaak, Systeem.van(args.ontvanger))
    backoffice.bevestig_overdracht(overdracht, "Overdracht geweigerd" if args.weiger else GEACCEPTEERD)
    return 0


def _flow(args: argparse.Namespace) -> int:
    regie = _regie(args)
    return _met_eigen_eindpunt(
        args, regie.berichten, lambda ontvanger: regiesysteem_flow(regie, ontvanger, args.wacht)
    )


def _backoffice_flow(args: argparse.Namespace) -> int:
    backoffice = Backoffice(_berichten(args), _verbinding(args))
    return _met_eigen_eindpunt(
        args, backoffice.berichten, lambda ontvanger: backoffice_flow(backoffice, ontvanger, args.wacht)
    )


def _met_eigen_eindpunt(
    args: argparse.Namespace, berichten: Berichten, flow: Callable[[Ontvanger], list[str]]
) -> int:
    """Run ``flow`` while our own endpoint (notificaties, overdragenZaak) listens; print what came."""
    ontvanger = Ontvanger(berichten)
    server = luister(ontvanger, args.luister_host, args.luister_port)
    print(f"luistert op http://{args.luister_host}:{server.server_port}/ (notificaties, overdragenZaak)")
    try:
        fouten = flow(ontvanger)
    finally:
        server.shutdown()
        server.server_close()
    for naam, zaak, gebeurtenis in ontvanger.ontvangen:
        print(f"ontvangen: {naam} {zaak} {gebeurtenis}")
    for fout in fouten:
        print(fout)
    return 1 if fouten else 0


def _voorzieningen_regie(args: argparse.Namespace) -> int:
    """The regie asks for a voorziening: a deelplan-zaak (with its plans when none are given)."""
    regie = Voorzieningregie(_berichten(args), _verbinding(args))
    gezinsplan = args.gezinsplan or regie.creeer_plan("gezinsplan", "A")
    ouders = {"gezinsplan": gezinsplan}
    levensdomeinplan = args.levensdomeinplan or regie.creeer_plan("levensdomeinplan", "A", ouders)
    print(regie.vraag_voorziening_aan(gezinsplan, levensdomeinplan, args.nummer))
    return 0


def _voorzieningen_backoffice(args: argparse.Namespace) -> int:
    """The backoffice records one step (or the whole levering) and reads the voorziening back."""
    backoffice = Voorzieningbackoffice(_berichten(args), _verbinding(args))
    stappen = HELE_LEVERING if args.stap == "alle" else (args.stap,)
    fouten = backoffice_stappen(backoffice, args.zaak, stappen, args.nummer)
    for fout in fouten:
        print(fout)
    return 1 if fouten else 0


def _luister(args: argparse.Namespace) -> int:
    ontvanger = Ontvanger(_berichten(args))
    server = luister(ontvanger, args.host, args.port)
    print(f"luistert op http://{args.host}:{server.server_port}/ (Ctrl-C stopt)", flush=True)
    gezien = 0
    try:
        while True:
            time.sleep(0.2)
            for naam, zaak, gebeurtenis in ontvanger.ontvangen[gezien:]:
                print(f"ontvangen: {naam} {zaak} {gebeurtenis}", flush=True)
            gezien = len(ontvanger.ontvangen)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rzs-client", description="RZS 1.0 reference consumer (Regiesysteem, backoffice)"
    )
    p.add_argument("--endpoint", help="base URL of the zaaksysteem (/zkn/..., /rzs/..., ?wsdl)")
    p.add_argument(
        "--zender",
        help="our identity ORGANISATIE/APPLICATIE (default 0000/REGIESYSTEEM, backoffice: 0000/BACKOFFICE)",
    )
    p.add_argument(
        "--ontvanger", default="0000/RZS", help="the zaaksysteem's identity ORGANISATIE/APPLICATIE"
    )
    p.add_argument("--soap", choices=("1.1", "1.2"), default="1.1")
    p.add_argument("--timeout", type=float, default=30.0)
    sub = p.add_subparsers(dest="command", required=True)
    for naam in ("genereer-zaakidentificatie", "genereer-documentidentificatie"):
        sub.add_parser(naam).set_defaults(func=_opdracht)
    for naam in ("creeer-gezinsplan", "creeer-levensdomeinplan", "creeer-deelplan"):
        plan = sub.add_parser(naam, help="genereerZaakIdentificatie + creeerZaak")
        plan.add_argument("--variant", choices=("A", "B", "C"), default="A")
        plan.add_argument("--gezinsplan", help="identificatie of the gezinsplan it belongs to")
        plan.add_argument("--levensdomeinplan", help="identificatie of the levensdomeinplan (deelplan)")
        plan.set_defaults(func=_opdracht)
    update = sub.add_parser("update-zaak")
    update.add_argument("zaak")
    soorten = (
        "een_gegeven",
        "alle_gegevens",
        "belanghebbende_toevoegen",
        "uitvoerende_verwijderen",
        "vestiging_vervangen",
    )
    update.add_argument("--soort", choices=soorten, default="een_gegeven")
    update.set_defaults(func=_opdracht)
    status = sub.add_parser("zet-status", help="actualiseerZaakstatus")
    status.add_argument("zaak")
    status.add_argument("--volgnummer", default="2")
    status.add_argument("--omschrijving", default="Gezinsplan opgesteld")
    status.set_defaults(func=_opdracht)
    document = sub.add_parser("voeg-document-toe", help="genereerDocumentIdentificatie + voegZaakdocumentToe")
    document.add_argument("zaak")
    document.add_argument("bestand")
    document.set_defaults(func=_opdracht)
    for naam, argument in (
        ("geef-zaakstatus", "zaak"),
        ("geef-zaakdetails", "zaak"),
        ("geef-lijst-zaakdocumenten", "zaak"),
        ("geef-zaakdocument", "document"),
        ("bewerk-document", "document"),
        ("draag-over", "zaak"),
    ):
        vraag = sub.add_parser(naam)
        vraag.add_argument(argument)
        vraag.set_defaults(func=_opdracht)
    flow = sub.add_parser("regiesysteem-flow", help="the whole Regiesysteem sheet REG-01..REG-17")
    flow.add_argument("--luister-host", default="127.0.0.1")
    flow.add_argument(
        "--luister-port", type=int, default=0, help="our endpoint for notificaties and the Du01"
    )
    flow.add_argument("--wacht", type=float, default=10.0, help="seconds to wait for the overdragenZaak_Du01")
    flow.set_defaults(func=_flow)
    bo = sub.add_parser("backoffice-flow", help="the whole backoffice sheet BO-01..BO-15")
    bo.add_argument("--luister-host", default="127.0.0.1")
    bo.add_argument("--luister-port", type=int, default=0, help="our endpoint for notificaties and the Di01")
    bo.add_argument("--wacht", type=float, default=10.0, help="seconds to wait for the overdragenZaak_Di01")
    bo.set_defaults(func=_backoffice_flow)
    bevestig = sub.add_parser("bevestig-overdracht", help="overdragenZaak_Du01 for a received overdracht")
    bevestig.add_argument("zaak")
    bevestig.add_argument("--crossref", required=True, help="referentienummer of the overdragenZaak_Di01")
    bevestig.add_argument("--weiger", action="store_true", help="'Overdracht geweigerd' instead of accepted")
    bevestig.set_defaults(func=_bevestig)
    vz_regie = sub.add_parser(
        "voorzieningen-regie", help="creeerZaak deelplan with a voorziening, status aangevraagd (issue 9)"
    )
    vz_regie.add_argument("--gezinsplan", help="identificatie of the gezinsplan (default: create one)")
    vz_regie.add_argument(
        "--levensdomeinplan", help="identificatie of the levensdomeinplan (default: create one)"
    )
    vz_regie.add_argument("--nummer", default="1001", help="nummer of the voorziening within the zaak")
    vz_regie.set_defaults(func=_voorzieningen_regie)
    vz_bo = sub.add_parser(
        "voorzieningen-backoffice", help="updateZaak was/wordt of the voorziening, then read it back"
    )
    vz_bo.add_argument("zaak")
    vz_bo.add_argument(
        "--stap",
        choices=("alle", *STAPPEN),
        default="alle",
        help="alle = " + ", ".join(HELE_LEVERING) + "; intrekking follows toewijzing",
    )
    vz_bo.add_argument("--nummer", default="1001", help="nummer of the voorziening within the zaak")
    vz_bo.set_defaults(func=_voorzieningen_backoffice)
    ontvang = sub.add_parser(
        "luister", help="receive notificeerOverZaak and overdragenZaak Di01/Du01, answer Bv03"
    )
    ontvang.add_argument("--host", default="127.0.0.1")
    ontvang.add_argument("--port", type=int, default=8091)
    ontvang.set_defaults(func=_luister)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except StufFout as exc:
        print(f"rzs-client: geweigerd: {exc}", file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"rzs-client: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())

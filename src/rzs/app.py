"""make_app(settings): the only place the layers are wired together (STYLE "Our shape").

wire (HTTP, SOAP, dispatch) <- route table (services) <- transaction runner <- store.
"""

from __future__ import annotations

from rzs import catalogus
from rzs.bewaking import gezondheid
from rzs.bewaking.metrieken import Metrics
from rzs.bewaking.statuspagina import Statuspagina
from rzs.config import Settings
from rzs.services import voorzieningen
from rzs.services.routes import OPERATIES, maak_routes
from rzs.services.uitvoering import Uitvoerder
from rzs.store import Store
from rzs.stuf import autorisatie
from rzs.stuf.berichten import Afzender
from rzs.stuf.controle import Systeemcontrole
from rzs.stuf.tolerantie import Reparatieteller, Validatie, Validatiemodus
from rzs.stuf.validatie import Schema
from rzs.wire import tls
from rzs.wire.dispatch import Dispatcher, Inhoudsinstellingen
from rzs.wire.wsdl import WsdlServer
from rzs.wire.wsgi import Pagina, SoapApp

#: Endpoint path -> WSDL file served for ``GET <path>?wsdl`` (DIGEST b.1 recommendation).
ENDPOINTS: dict[str, str] = {
    "/zkn/OntvangAsynchroon": "zkn0310_ontvangAsynchroon.wsdl",
    "/zkn/BeantwoordVraag": "zkn0310_beantwoordVraag.wsdl",
    "/zkn/VrijeBerichten": "zkn0310_vrijeBerichten.wsdl",
    "/rzs/OntvangAsynchroon": "rzs0310_ontvangAsynchroon.wsdl",
}


def prepare_store(settings: Settings) -> Store:
    """Migrate the database and load the configured zaaktype catalogue: once, before workers start.

    The file is read before the transaction starts, so a broken file stops the start-up with
    its CatalogusFout and changes nothing. The code lists of the voorzieningen are read here too
    (once per process, inherited by forked workers): a broken one stops it with its CodelijstFout.
    """
    voorzieningen.codelijsten(settings.codelijsten_dir)
    store = Store.uit_instellingen(settings)
    store.migrate()
    if settings.zaaktypen_bestand is not None:
        zaaktypen = catalogus.laad(settings.zaaktypen_bestand)
        with store.unit_of_work() as repos:
            for zaaktype in zaaktypen:
                repos.zaaktypen.upsert(zaaktype)
    return store


def laad_autorisatie(settings: Settings) -> autorisatie.Autorisatie | None:
    """The configured policy (None: open), checked against our operations; AutorisatieBestandFout
    when it cannot be used. ``rzs serve`` calls this before the workers start, so a broken file
    stops the start-up with one line."""
    if settings.autorisatie_bestand is None:
        return None
    return autorisatie.laad(settings.autorisatie_bestand, OPERATIES)


def make_app(
    settings: Settings, store: Store | None = None, reparatieteller: Reparatieteller | None = None
) -> SoapApp:
    """The WSGI app; ``reparatieteller`` counts the tolerant mode's repairs (a new one by default)."""
    store = store or prepare_store(settings)
    afzender = Afzender.uit_instellingen(settings)
    routes, kiezer = maak_routes(Uitvoerder(store, afzender, settings))
    schema = Schema(settings.xsd_dir)
    dispatcher = Dispatcher(
        routes,
        kiezer,
        Validatie(schema, Validatiemodus(settings.validatie), reparatieteller),
        afzender,
        Systeemcontrole(afzender, settings.zenders),
        # Request content is spooled beside the content store, so it stays on that disk.
        Inhoudsinstellingen(store.blobs.root / "tmp", settings.max_document_bytes, store.blobs),
        max_bytes=settings.max_bericht_bytes,
        begrepen_headers=frozenset(settings.begrepen_headers),
        autorisatie=laad_autorisatie(settings),
    )
    wsdl_server = WsdlServer(settings.wsdl_dir, settings.xsd_dir, dict(ENDPOINTS))
    paginas: dict[str, Pagina] = {
        "/health/live": gezondheid.live,
        "/health/ready": gezondheid.Gereedheid(store, schema),
        "/metrics": Metrics(store),
        "/beheer": Statuspagina(store, settings),
    }
    return SoapApp(dispatcher, wsdl_server, ["/", *ENDPOINTS], tls.lezer(settings.identiteit_header), paginas)

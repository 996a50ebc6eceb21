"""``rzs-client``: a reference consumer of RZS 1.0 (Regiesysteem and backoffice flows).

Written as an example for vendors: how to bind to a zaaksysteem from its WSDL (zeep), fill StUF
messages from template files, read the answers, and receive notificaties and the
overdragenZaak_Du01 on an endpoint of one's own. It imports from ``rzs`` only ``ns``,
``safexml`` and ``compliance.templates`` (an import-linter contract): it talks to any
implementation over HTTP, exactly as a vendor's product would.

Modules: ``berichten`` (templates and the values they need), ``verbinding`` (zeep: WSDL, SOAPAction,
transport), ``luister`` (the receiving endpoint), ``flows`` (the Regiesysteem sequence), ``cli``.
"""

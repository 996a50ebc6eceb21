"""StUF 03.01 mechanics (DIGEST c): stuurgegevens, berichten, foutberichten, schema checks.

Knows XML (lxml) and the koppelvlak namespaces; knows nothing of HTTP, services or the store.
"""

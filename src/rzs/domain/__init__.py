"""The zaak domain: dataclasses and rules, in the standard's own words. No XML, no SQL."""

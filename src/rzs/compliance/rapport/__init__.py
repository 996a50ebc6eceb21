"""Reports of a run: terminal progress, JUnit XML, JSON and one self-contained HTML file.

Every report that shows messages masks BSNs (``inp.bsn`` values) unless the tester asks for them
with ``--toon-bsn``: a report is meant to be published.
"""

"""stuf-rzs: reference implementation of StUF Regie- en Zaakservices 1.0."""

__version__ = "0.1.0"

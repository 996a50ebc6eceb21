"""A throwaway PKI for the TLS tests: a CA, a server certificate for 127.0.0.1 and client
certificates with chosen subjects, made by the ``openssl`` command line (the ``cryptography``
package is not in the lock). EC P-256 keys: fast to make, valid for two days."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sleutelpaar:
    cert: Path
    key: Path

    @property
    def requests(self) -> tuple[str, str]:
        """As ``requests``' ``cert=`` argument."""
        return str(self.cert), str(self.key)


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


_EC = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")


@dataclass(frozen=True)
class Pki:
    pad: Path
    ca: Sleutelpaar

    @classmethod
    def maak(cls, pad: Path, naam: str = "Test CA") -> Pki:
        pad.mkdir(parents=True, exist_ok=True)
        ca = Sleutelpaar(pad / f"{naam}.crt", pad / f"{naam}.key")
        _openssl(
            "req",
            "-x509",
            *_EC,
            "-days",
            "2",
            "-subj",
            f"/CN={naam}",
            "-keyout",
            str(ca.key),
            "-out",
            str(ca.cert),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        )
        return cls(pad, ca)

    def server(self) -> Sleutelpaar:
        return self._uitgeven(
            "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"
        )

    def client(self, naam: str, subject: str) -> Sleutelpaar:
        """A client certificate; ``subject`` in OpenSSL form, e.g. ``/CN=wmo/serialNumber=0000...``."""
        return self._uitgeven(naam, subject, "extendedKeyUsage=clientAuth")

    def _uitgeven(self, naam: str, subject: str, extensies: str) -> Sleutelpaar:
        paar = Sleutelpaar(self.pad / f"{naam}.crt", self.pad / f"{naam}.key")
        csr = self.pad / f"{naam}.csr"
        ext = self.pad / f"{naam}.ext"
        ext.write_text(f"basicConstraints=CA:FALSE\n{extensies}\n", encoding="utf-8")
        _openssl("req", *_EC, "-subj", subject, "-keyout", str(paar.key), "-out", str(csr))
        _openssl(
            "x509",
            "-req",
            "-in",
            str(csr),
            "-CA",
            str(self.ca.cert),
            "-CAkey",
            str(self.ca.key),
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            str(ext),
            "-out",
            str(paar.cert),
        )
        return paar

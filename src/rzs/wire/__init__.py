"""HTTP and SOAP: WSGI, envelopes (1.1 and 1.2), dispatch, WSDL serving. No StUF business here."""

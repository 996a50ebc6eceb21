# stuf-rzs in a container (docs/deploy.md). Installs exactly the locked runtime dependencies
# (requirements/runtime.txt, with hashes), then the package without dependencies.
#   docker build -t stuf-rzs .
#   docker run -p 8080:8080 -e RZS_DATABASE_URL=postgresql+psycopg://rzs:...@db/rzs \
#       -v rzs-inhoud:/var/lib/rzs stuf-rzs
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RZS_DATA_DIR=/var/lib/rzs \
    RZS_HOST=0.0.0.0 \
    RZS_PORT=8080 \
    RZS_LOG_FORMAT=json

WORKDIR /opt/stuf-rzs
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt

COPY pyproject.toml README.md LICENSE ./
COPY src src
RUN pip install --no-cache-dir --no-deps --no-build-isolation . \
    && rm -rf /opt/stuf-rzs/src
# Our schemas and WSDLs: config.py finds them under <prefix>/share/stuf-rzs in an installed package.
COPY xsd /usr/local/share/stuf-rzs/xsd
COPY wsdl /usr/local/share/stuf-rzs/wsdl

RUN useradd --system --home-dir /var/lib/rzs --create-home rzs
USER rzs
VOLUME ["/var/lib/rzs"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/health/live').status != 200)"
ENTRYPOINT ["rzs"]
CMD ["serve"]

"""What ``rzs abonnementen|outbox|overdracht`` do: small functions over one unit of work each,
printing plain lines. ``cli.py`` only parses arguments and calls these."""

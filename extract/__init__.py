"""Bytes from the network or from an archive: feeds, robots.txt, article pages."""

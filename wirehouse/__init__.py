"""Wirehouse: the news wire into a warehouse."""

__version__ = "0.1.0"

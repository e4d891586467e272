"""pyvirtine's version, read from the installed distribution's metadata (setup.cfg is
the one place it is written)."""
from __future__ import annotations


def installed_version() -> str:
    """The installed pyvirtine's version (``0+unknown`` when run from a bare checkout)."""
    from importlib import metadata
    try:
        return metadata.version("pyvirtine")
    except metadata.PackageNotFoundError:
        return "0+unknown"

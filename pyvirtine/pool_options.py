"""Checks of the options every pool takes, shared by ``runtime.Virtine`` and
``VirtineFunction`` (which must not import the native launcher to check them)."""
from __future__ import annotations

from typing import Optional


def check_pool_options(timeout: Optional[float], init_timeout: Optional[float],
                       pool_size: int) -> None:
    """Raises ``ValueError`` for options no pool can have (checked before any VM exists)."""
    for name, seconds in (("timeout", timeout), ("init_timeout", init_timeout)):
        if seconds is not None and not seconds > 0:
            raise ValueError(f"{name} must be a positive number of seconds")
    if pool_size < 1:
        raise ValueError("pool_size must be at least 1")

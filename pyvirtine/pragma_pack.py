"""``#pragma pack`` as gcc reads it, shared by the compiler and the marshalling layer
(both must lay structs out alike, since structs cross the host/guest boundary)."""
from __future__ import annotations

import re
from typing import Optional

_PACK = re.compile(r"pack\s*\(\s*(?:(push|pop)\s*,?\s*)?(\d*)\s*\)")


class PackPragmas:
    """The maximum member alignment in force (None: natural alignment)."""

    def __init__(self) -> None:
        self.value: Optional[int] = None
        self._stack: list[Optional[int]] = []

    def apply(self, text: str) -> None:
        """Follow one ``#pragma`` line; other pragmas are ignored. A malformed
        ``pack`` pragma raises ValueError."""
        text = text.strip()
        if not text.startswith("pack"):
            return
        m = _PACK.fullmatch(text)
        if not m or (m.group(2) and int(m.group(2)) not in (1, 2, 4, 8, 16)):
            raise ValueError(f"malformed '#pragma {text}' (expected pack(n), pack(), "
                             "pack(push[, n]) or pack(pop))")
        action, value = m.group(1), int(m.group(2)) if m.group(2) else None
        if action == "push":
            self._stack.append(self.value)
        elif action == "pop":
            self.value = self._stack.pop() if self._stack else None
            return
        if value is not None or action is None:
            self.value = value

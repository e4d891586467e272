"""Files a virtine may open: the caller's grants (docs/ABI.md, "Files").

``files={"data.csv": "r", "out": "rw", "in.txt": ("/srv/inputs/42.txt", "r")}``: each key
is the path the guest opens, each value the access (``"r"`` read-only, ``"rw"``
read-write) and, optionally, the host path behind it (else the key itself, taken
relative to the current directory when the grant is made). A directory grants
everything beneath it, resolved by the host kernel so that neither ``..`` nor a symlink
leads out; nothing else can be opened (``fopen`` returns NULL, ``errno`` EACCES)."""
from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Tuple, Union

Access = str
FileGrants = Mapping[str, Union[Access, Tuple[str, Access]]]

ACCESS_BITS = {"r": 1, "rw": 3}  # VT_FILE_READ, VT_FILE_READ | VT_FILE_WRITE


def resolve_grants(files: Optional[FileGrants]) -> dict[str, tuple[str, Access]]:
    """``files`` checked, as guest path -> (absolute host path, access)."""
    resolved = {}
    for guest, spec in (files or {}).items():
        host, access = (guest, spec) if isinstance(spec, str) else spec
        if not isinstance(guest, str) or not guest:
            raise ValueError(f"a file grant needs a non-empty guest path, not {guest!r}")
        if access not in ACCESS_BITS:
            raise ValueError(f"file grant {guest!r}: access must be 'r' or 'rw', "
                             f"not {access!r}")
        resolved[guest] = (os.path.abspath(os.fspath(host)), access)
    return resolved


def grant_array(ffi: Any, grants: Mapping[str, tuple[str, Access]]) -> tuple[Any, list]:
    """A ``struct vt_file_grant[]`` for ``vt_options.files`` and the buffers it points
    into, which must live until ``vt_pool_create`` returns."""
    array = ffi.new("struct vt_file_grant[]", max(len(grants), 1))
    keep = [array]
    for slot, (guest, (host, access)) in zip(array, grants.items()):
        names = ffi.new("char[]", os.fsencode(guest)), ffi.new("char[]", os.fsencode(host))
        keep += names
        slot.guest_path, slot.host_path = names
        slot.access = ACCESS_BITS[access]
    return array, keep

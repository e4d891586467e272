"""Marshalling between a caller and a virtine, derived from the C signature.

``find_virtines`` reads a C file's virtine signatures (``Signature``); from one
signature come the argument-area ``layout``, the guest's C dispatch glue
(``guest_glue``), the Python packer (``ArgPacker``) and the C host stub
(``host_glue``)."""
from typing import Any

from .codec import Codec
from .guest_glue import dispatch_alias, dispatch_name, guest_glue, name_inlined_virtines
from .host_glue import host_body
from .layout import Layout, layout
from .pack import ArgPacker, Call
from .plans import BufferPlan, FixedPlan, Plan, plan_for
from .signature import Param, Signature

__all__ = ["ArgPacker", "BufferPlan", "Call", "Codec", "FixedPlan", "Layout", "Param", "Plan",
           "Signature", "dispatch_alias", "dispatch_name", "find_virtines", "guest_glue",
           "host_body", "layout", "name_inlined_virtines", "plan_for"]


def __getattr__(name: str) -> Any:
    # discover brings in the C front end (pycparser, the preprocessor): loaded when a
    # file is read, not when a built image's signature is used.
    if name == "find_virtines":
        from .discover import find_virtines
        return find_virtines
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

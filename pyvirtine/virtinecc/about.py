"""What ``virtinecc --version`` and ``virtinecc --help`` say about pyvirtine, beside
the host compiler's own answer (which a ``cc`` drop-in must still give, as ccache's
and distcc's wrappers do when named as the compiler).

Build tools identify the compiler from ``cc --version`` (meson takes the first version
number in it, autoconf logs it), so there the host compiler's text comes first and
pyvirtine's follows; ``--help`` is read by people, so pyvirtine's comes first."""
from __future__ import annotations

from ..hypervisor.build_launcher import HERE
from ..cache import cache_dir
from ..image import FORMAT_VERSION
from ..version import installed_version


def version_text(cc: list[str]) -> str:
    return (f"virtinecc: pyvirtine {installed_version()}, image format {FORMAT_VERSION}; "
            f"host compiler {' '.join(cc)}\n"
            f"virtinecc: launcher sources {HERE}, built into {cache_dir()}\n")


def help_text(cc: list[str]) -> str:
    return f"""\
Usage: virtinecc [cc options] file...
A cc drop-in: every call of a function marked `virtine` (#include <virtine.h>) runs
in its own KVM micro-VM. Files without virtines go straight to the host compiler.

pyvirtine's own options and settings:
  -shared-pyvirtine          link libpyvirtine.so from the cache (run paths into it)
                             instead of the static launcher, the default
  --print-virtine-include    print a directory holding only virtine.h, for building
                             the same sources natively with plain cc
  -v                         also show the commands virtinecc runs
  VIRTINECC_CC               the host compiler (now: {' '.join(cc)})
  VIRTINECC_TIMEOUT          seconds per virtine call when the program runs
  PYVIRTINE_CACHE            where built virtines and the launcher are kept

The host compiler's options follow ({' '.join(cc)} --help).

"""

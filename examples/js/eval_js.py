"""``eval_js(src) -> str``: untrusted JavaScript, each script in a fresh virtine started
from a snapshot taken after Duktape's heap was made.

    python examples/js/eval_js.py '[1, 2, 3].map(function (x) { return x * x; })'

The first use compiles Duktape (a minute or so; cached afterwards) and boots one
virtine, which creates the heap; every call after costs about one VM exit plus the
pages the previous script dirtied."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import pyvirtine

sys.path.insert(0, str(Path(__file__).parent))
from duktape_sources import duktape_dir  # noqa: E402

MEMORY = "32M"   # Duktape's heap grows into this; a script that wants more gets an error
TIMEOUT = 1.0    # seconds a script may run


@functools.lru_cache(maxsize=None)
def engine() -> pyvirtine.loader.VirtineModule:
    return pyvirtine.load(Path(__file__).with_name("js.c"), include_dirs=[str(duktape_dir())],
                          memory=MEMORY, timeout=TIMEOUT)


def eval_js(src: str) -> str:
    """The value of ``src`` as a string; raises VirtineTimeout past TIMEOUT."""
    return engine().eval_js(src)


if __name__ == "__main__":
    for script in sys.argv[1:] or [sys.stdin.read()]:
        print(eval_js(script))

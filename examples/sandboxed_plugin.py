"""Run user-supplied C plugins safely.  An application lets users transform text with
their own C code; each plugin is compiled with pyvirtine and every call runs in a
fresh virtine with no hypercalls allowed, a time limit and its own small memory.  A
plugin that loops, crashes, tries to write output or does not compile is reported,
and the application carries on.

Run: python examples/sandboxed_plugin.py"""
from __future__ import annotations

import pyvirtine
from pyvirtine import VirtineCrash, VirtineError, VirtinePolicyError, VirtineTimeout

# Every plugin defines this function (the application's plugin API).
API = "transform(char *text VIRTINE_INOUT(n), size_t n)"

PLUGINS = {
    "rot13": r"""
        #include <virtine.h>
        #include <stddef.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            for (size_t i = 0; i < n; i++) {
                char c = text[i];
                if (c >= 'a' && c <= 'z') text[i] = 'a' + (c - 'a' + 13) % 26;
                else if (c >= 'A' && c <= 'Z') text[i] = 'A' + (c - 'A' + 13) % 26;
            }
            return 0;
        }
    """,
    "reverse": r"""
        #include <virtine.h>
        #include <stddef.h>
        #include <string.h>
        #include <stdlib.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            char *copy = malloc(n);
            if (!copy) return -1;
            memcpy(copy, text, n);
            for (size_t i = 0; i < n; i++) text[i] = copy[n - 1 - i];
            free(copy);
            return 0;
        }
    """,
    "forever": r"""
        #include <virtine.h>
        #include <stddef.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            for (volatile size_t i = 0;; i++) text[i % (n ? n : 1)] ^= 1;
            return 0;
        }
    """,
    "snoop": r"""
        #include <virtine.h>
        #include <stddef.h>
        #include <stdio.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            printf("I saw: %.*s\n", (int)n, text);
            return 0;
        }
    """,
    "wild": r"""
        #include <virtine.h>
        #include <stddef.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            char *p = (char *)0xdead0000;
            *p = text[0];
            return 0;
        }
    """,
    "typo": r"""
        #include <virtine.h>
        #include <stddef.h>
        virtine int transform(char *text VIRTINE_INOUT(n), size_t n) {
            return lenght(text);
        }
    """,
}


def run_plugin(name: str, source: str, text: str) -> str:
    try:
        plugin = pyvirtine.load(source=source, filename=f"{name}.c", memory="1M",
                                timeout=0.25)
    except pyvirtine.VirtineCompileError as e:
        return "rejected, does not compile: " + str(e).splitlines()[0]
    with plugin:
        if not hasattr(plugin, "transform"):
            return f"rejected: it does not define {API}"
        buf = bytearray(text.encode())
        try:
            status = plugin.transform(buf)
        except VirtineTimeout:
            return "stopped: ran past its time limit"
        except VirtinePolicyError as e:
            return f"stopped: tried the '{e.hypercall}' hypercall"
        except VirtineCrash as e:
            return f"stopped: crashed ({e.reason}) at {e.location}"
        except (VirtineError, TypeError, ValueError) as e:
            return f"stopped: {e}"
        return f"status {status}: {buf.decode(errors='replace')!r}"


def main() -> None:
    text = "Hello, sandbox!"
    for name, source in PLUGINS.items():
        print(f"{name:8} {run_plugin(name, source, text)}")


if __name__ == "__main__":
    main()

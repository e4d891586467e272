"""The macros the compiler predefines, as gcc predefines them for x86-64 Linux (the same
spellings and values, so ``#if`` tests and stringized types agree with a gcc build).

Only what is true of this compiler is claimed: the ABI facts (types, sizes, limits,
byte order, floating-point formats) and the GNU C dialect. ``__GNUC__`` says GCC 4.0:
statement expressions, ``typeof``, attributes, case ranges, computed goto, and the
builtins of that release (``__builtin_expect``, ``clz``/``ctz``/``popcount``,
``offsetof``, ``types_compatible_p``, ``choose_expr``, ``constant_p``). A later release
would promise what is missing here, which code then uses unguarded: ``__sync_*`` (4.1)
and ``__atomic_*`` (4.7) builtins, ``__int128`` (4.6). Also missing although 4.0 had
them: ``__label__``, nested functions, ``__thread``, vector types; those are errors.
Not defined: ``__linux__``/``__unix__`` (a virtine has no operating system),
``__SSE__`` and friends (there are no intrinsics headers), ``__SIZEOF_INT128__``."""
from __future__ import annotations

GNU_VERSION = {"__GNUC__": "4", "__GNUC_MINOR__": "0", "__GNUC_PATCHLEVEL__": "0",
               "__GNUC_STDC_INLINE__": "1"}    # inline has C99 semantics (gnu_inline: GNU89)

_TARGET = {
    "__PYVIRTINE__": "1",
    "__x86_64__": "1", "__x86_64": "1", "__amd64__": "1", "__amd64": "1",
    "__LP64__": "1", "_LP64": "1", "__ELF__": "1", "__USER_LABEL_PREFIX__": "",
    "__CHAR_BIT__": "8", "__BIGGEST_ALIGNMENT__": "16",
    "__ORDER_LITTLE_ENDIAN__": "1234", "__ORDER_BIG_ENDIAN__": "4321",
    "__ORDER_PDP_ENDIAN__": "3412", "__BYTE_ORDER__": "__ORDER_LITTLE_ENDIAN__",
    "__FLOAT_WORD_ORDER__": "__ORDER_LITTLE_ENDIAN__",
    "__SIZEOF_SHORT__": "2", "__SIZEOF_INT__": "4", "__SIZEOF_LONG__": "8",
    "__SIZEOF_LONG_LONG__": "8", "__SIZEOF_POINTER__": "8", "__SIZEOF_FLOAT__": "4",
    "__SIZEOF_DOUBLE__": "8", "__SIZEOF_LONG_DOUBLE__": "16", "__SIZEOF_SIZE_T__": "8",
    "__SIZEOF_WCHAR_T__": "4", "__SIZEOF_WINT_T__": "4", "__SIZEOF_PTRDIFF_T__": "8",
}

# name: (type as gcc spells it, bits, maximum, suffix of its constants); minimums are
# derived as gcc does, ``(-MAX - 1)``, for the few it predefines.
_INT = ("int", 32, "0x7fffffff", "")
_UINT = ("unsigned int", 32, "0xffffffffU", "U")
_LONG = ("long int", 64, "0x7fffffffffffffffL", "L")
_ULONG = ("long unsigned int", 64, "0xffffffffffffffffUL", "UL")
_SCHAR = ("signed char", 8, "0x7f", "")
_UCHAR = ("unsigned char", 8, "0xff", "")
_SHORT = ("short int", 16, "0x7fff", "")
_USHORT = ("short unsigned int", 16, "0xffff", "")
_TYPES = {
    "SIZE": _ULONG, "PTRDIFF": _LONG, "WCHAR": _INT, "WINT": _UINT, "INTMAX": _LONG,
    "UINTMAX": _ULONG, "INTPTR": _LONG, "UINTPTR": _ULONG, "SIG_ATOMIC": _INT,
    "CHAR16": _USHORT, "CHAR32": _UINT,
    "INT8": _SCHAR, "INT16": _SHORT, "INT32": _INT, "INT64": _LONG,
    "UINT8": _UCHAR, "UINT16": _USHORT, "UINT32": _UINT, "UINT64": _ULONG,
    "INT_LEAST8": _SCHAR, "INT_LEAST16": _SHORT, "INT_LEAST32": _INT, "INT_LEAST64": _LONG,
    "UINT_LEAST8": _UCHAR, "UINT_LEAST16": _USHORT, "UINT_LEAST32": _UINT,
    "UINT_LEAST64": _ULONG,
    "INT_FAST8": _SCHAR, "INT_FAST16": _LONG, "INT_FAST32": _LONG, "INT_FAST64": _LONG,
    "UINT_FAST8": _UCHAR, "UINT_FAST16": _ULONG, "UINT_FAST32": _ULONG,
    "UINT_FAST64": _ULONG,
}
_NO_MAX = {"CHAR16", "CHAR32"}          # gcc gives these a type only
_WIDTH = {"SIZE", "PTRDIFF", "WCHAR", "WINT", "INTMAX", "INTPTR", "SIG_ATOMIC",
          *(f"INT_{k}{n}" for k in ("LEAST", "FAST") for n in (8, 16, 32, 64))}
_CONSTANT_MACROS = ("INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32",
                    "UINT64", "INTMAX", "UINTMAX")
# the limits of the basic types: (name, bits, maximum)
_LIMITS = (("SCHAR", 8, "0x7f"), ("SHRT", 16, "0x7fff"), ("INT", 32, "0x7fffffff"),
           ("LONG", 64, "0x7fffffffffffffffL"), ("LONG_LONG", 64, "0x7fffffffffffffffLL"))

# IEEE single and double, and the x87 80-bit extended type that long double is here
_FLOATS = {
    "FLT": dict(MANT_DIG="24", DIG="6", MIN_EXP="(-125)", MIN_10_EXP="(-37)",
                MAX_EXP="128", MAX_10_EXP="38", DECIMAL_DIG="9",
                MAX="3.40282346638528859811704183484516925e+38F",
                MIN="1.17549435082228750796873653722224568e-38F",
                EPSILON="1.19209289550781250000000000000000000e-7F",
                DENORM_MIN="1.40129846432481707092372958328991613e-45F"),
    "DBL": dict(MANT_DIG="53", DIG="15", MIN_EXP="(-1021)", MIN_10_EXP="(-307)",
                MAX_EXP="1024", MAX_10_EXP="308", DECIMAL_DIG="17",
                MAX="((double)1.79769313486231570814527423731704357e+308L)",
                MIN="((double)2.22507385850720138309023271733240406e-308L)",
                EPSILON="((double)2.22044604925031308084726333618164062e-16L)",
                DENORM_MIN="((double)4.94065645841246544176568792868221372e-324L)"),
    "LDBL": dict(MANT_DIG="64", DIG="18", MIN_EXP="(-16381)", MIN_10_EXP="(-4931)",
                 MAX_EXP="16384", MAX_10_EXP="4932", DECIMAL_DIG="21",
                 MAX="1.18973149535723176502126385303097021e+4932L",
                 MIN="3.36210314311209350626267781732175260e-4932L",
                 EPSILON="1.08420217248550443400745280086994171e-19L",
                 DENORM_MIN="3.64519953188247460252840593361941982e-4951L"),
}


def _type_macros() -> dict:
    out = {}
    for name, (spelling, bits, maximum, _) in _TYPES.items():
        out[f"__{name}_TYPE__"] = spelling
        if name not in _NO_MAX:
            out[f"__{name}_MAX__"] = maximum
        if name in _WIDTH:
            out[f"__{name}_WIDTH__"] = str(bits)
    for name in _CONSTANT_MACROS:
        suffix = _TYPES[name][3]
        out[f"__{name}_C(c)"] = f"c ## {suffix}" if suffix else "c"
    for name, bits, maximum in _LIMITS:
        out[f"__{name}_MAX__"] = maximum
        out[f"__{name}_WIDTH__"] = str(bits)
    out["__WCHAR_MIN__"] = "(-__WCHAR_MAX__ - 1)"
    out["__WINT_MIN__"] = "0U"
    out["__SIG_ATOMIC_MIN__"] = "(-__SIG_ATOMIC_MAX__ - 1)"
    return out


def _float_macros() -> dict:
    out = {"__FLT_RADIX__": "2", "__FLT_EVAL_METHOD__": "0", "__DECIMAL_DIG__": "21"}
    for prefix, values in _FLOATS.items():
        for key, value in values.items():
            out[f"__{prefix}_{key}__"] = value
        out[f"__{prefix}_HAS_INFINITY__"] = out[f"__{prefix}_HAS_QUIET_NAN__"] = "1"
        out[f"__{prefix}_HAS_DENORM__"] = "1"
    return out


# the memory orders of the __atomic_* builtins and what gcc says is lock-free on x86-64
_ATOMICS = {
    "__ATOMIC_RELAXED": "0", "__ATOMIC_CONSUME": "1", "__ATOMIC_ACQUIRE": "2",
    "__ATOMIC_RELEASE": "3", "__ATOMIC_ACQ_REL": "4", "__ATOMIC_SEQ_CST": "5",
    "__GCC_ATOMIC_TEST_AND_SET_TRUEVAL": "1",
    **{f"__GCC_ATOMIC_{t}_LOCK_FREE": "2" for t in (
        "BOOL", "CHAR", "CHAR16_T", "CHAR32_T", "WCHAR_T", "SHORT", "INT", "LONG", "LLONG",
        "POINTER")},
    **{f"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_{n}": "1" for n in (1, 2, 4, 8)},
}

# GNU spellings of keywords pycparser lacks, or takes by another name
_GNU_KEYWORDS = {
    "__extension__": "", "__inline__": "inline", "__inline": "inline",
    "__restrict": "restrict", "__restrict__": "restrict", "__const": "const",
    "__const__": "const", "__volatile": "volatile", "__volatile__": "volatile",
    "__signed__": "signed", "__signed": "signed", "__alignof__": "_Alignof",
}

PREDEFINED = {**_TARGET, **_type_macros(), **_float_macros(), **_ATOMICS, **GNU_VERSION, **_GNU_KEYWORDS}

"""``@virtine``: a Python function whose body is C (in its docstring, ``source=`` or
``file=``), compiled once (cached) and run in a fresh virtine on every call::

    @virtine(memory="2M", timeout=0.5)
    def count_byte(data: bytes, byte: int) -> int:
        \"\"\"
        int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte) { ... }
        \"\"\"

The C function named like the Python function is the virtine (a ``virtine`` marker
is optional) and the VIRTINE_IN/OUT/INOUT annotations are defined for you.
Diagnostics point into the Python file at the docstring's lines."""
from __future__ import annotations

import ast
import inspect
import os
import textwrap
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, TypeVar, Union, overload

from .build import build_images, parse_memory
from .errors import VirtineCompileError
from .function import AllowSpec, VirtineFunction
from .grants import FileGrants
from .marshal.annotations import ANNOTATION_DEFINES


if TYPE_CHECKING:  # typing_extensions is mypy's, not a dependency: only for checking
    from typing_extensions import Literal, ParamSpec, Protocol

    from .function import Captured

    P = ParamSpec("P")
    R = TypeVar("R")
    R_co = TypeVar("R_co", covariant=True)

    class VirtineCallable(Protocol[P, R_co]):
        """What ``@virtine`` makes of a function: called as it is, and more."""
        c_signature: str

        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...
        async def acall(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...
        def close(self) -> None: ...

    @overload
    def virtine(func: Callable[P, R]) -> VirtineCallable[P, R]: ...

    @overload
    def virtine(func: None = None, *, source: Optional[str] = None,
                file: Optional[Union[str, os.PathLike]] = None,
                memory: Optional[Union[int, str]] = None, timeout: Optional[float] = None,
                allow: AllowSpec = None, capture: Literal[False] = False, pool_size: int = 1,
                include_dirs: Iterable[str] = (), defines: Iterable[str] = (),
                files: Optional[FileGrants] = None, host_entropy: bool = False,
                init_timeout: Optional[float] = None,
                ) -> Callable[[Callable[P, R]], VirtineCallable[P, R]]: ...

    @overload
    def virtine(func: None = None, *, source: Optional[str] = None,
                file: Optional[Union[str, os.PathLike]] = None,
                memory: Optional[Union[int, str]] = None, timeout: Optional[float] = None,
                allow: AllowSpec = None, capture: Literal[True], pool_size: int = 1,
                include_dirs: Iterable[str] = (), defines: Iterable[str] = (),
                files: Optional[FileGrants] = None, host_entropy: bool = False,
                init_timeout: Optional[float] = None,
                ) -> Callable[[Callable[P, Any]], VirtineCallable[P, Captured]]: ...


def virtine(func: Optional[Callable] = None, *, source: Optional[str] = None,  # type: ignore[misc]
            file: Optional[Union[str, os.PathLike]] = None,
            memory: Optional[Union[int, str]] = None,
            timeout: Optional[float] = None, allow: AllowSpec = None, capture: bool = False,
            pool_size: int = 1, include_dirs: Iterable[str] = (),
            defines: Iterable[str] = (), init: Union[str, Iterable[str]] = (),
            files: Optional[FileGrants] = None, host_entropy: bool = False,
            init_timeout: Optional[float] = None) -> Any:
    """Decorate a function to run its C implementation in virtines; usable bare
    (``@virtine``) or with options (see ``pyvirtine.load`` for their meaning). The
    result keeps the function's signature and annotations, for ``inspect`` and type
    checkers, and adds ``acall``, ``close`` and ``c_signature``."""
    def decorate(f: Callable) -> Callable:
        text, filename = _c_source(f, source, file)
        dirs = list(include_dirs)
        if file is None and os.path.exists(filename):
            dirs.append(os.path.dirname(filename))
        try:
            images = build_images(text, filename, include_dirs=dirs,
                                  defines=[*ANNOTATION_DEFINES, *defines],
                                  entries=[f.__name__],
                                  init=[init] if isinstance(init, str) else init,
                                  memory=parse_memory(memory) if memory is not None else None)
        except VirtineCompileError as error:
            # The diagnostics say what is wrong; the compiler's frames would only hide them.
            if source is None and file is None and _docstring_escapes(f):
                error = VirtineCompileError(f"{error.diagnostics}\n{filename}: note: the "
                                            "docstring is not a raw string, so Python turned "
                                            "its escapes (\\n...) into the characters they "
                                            "stand for before the C compiler read them: "
                                            'write it as r"""...""".')
            raise error.with_traceback(None) from None
        image = next(i for i in images if i.name == f.__name__)
        vf = VirtineFunction(image, timeout=timeout, allow=allow, capture=capture,
                             pool_size=pool_size, files=files, host_entropy=host_entropy,
                             init_timeout=init_timeout)
        _check_python_signature(f, vf)
        call = vf.as_function()
        call.__module__ = f.__module__
        call.__qualname__ = f.__qualname__
        call.__wrapped__ = f  # type: ignore[attr-defined]
        call.__signature__ = _annotated(vf.packer.signature, inspect.signature(f))
        call.__annotations__ = dict(getattr(f, "__annotations__", {}))
        return call
    return decorate(func) if func is not None else decorate


def _c_source(f: Callable, source: Optional[str],
              file: Optional[Union[str, os.PathLike]]) -> tuple[str, str]:
    """The C text to compile and the file name its diagnostics should name.

    A docstring is padded with blank lines to its place in the Python file, so line
    numbers (and the lines diagnostics quote) are the Python file's."""
    if file is not None:
        path = os.fspath(file)
        if not os.path.isabs(path):
            path = os.path.join(os.path.dirname(inspect.getfile(f)), path)
        with open(path, encoding="utf-8") as fh:
            return fh.read(), path
    if source is not None:
        return source, f"<virtine {f.__qualname__}>"
    if not f.__doc__ or not f.__doc__.strip():
        raise TypeError(f"@virtine function '{f.__qualname__}' needs its C code in the "
                        "docstring, source= or file=")
    path, line = _docstring_position(f)
    return "\n" * (line - 1) + f.__doc__, path


def _docstring_position(f: Callable) -> tuple[str, int]:
    """(Python file, line where the docstring's text starts), so C diagnostics point
    at the docstring; ("<docstring of f>", 1) when the source is unavailable."""
    found = _docstring_literal(f)
    if found is None:
        return f"<docstring of {f.__qualname__}>", 1
    path, line, _ = found
    return path, line


def _docstring_escapes(f: Callable) -> bool:
    """The docstring is a plain (not raw) literal with a backslash in it."""
    found = _docstring_literal(f)
    if found is None:
        return False
    literal = found[2].lstrip("bBuUfF")
    return "\\" in literal and literal[:1] not in "rR"


def _docstring_literal(f: Callable) -> Optional[tuple[str, int, str]]:
    """(Python file, line where the docstring starts, its literal as written)."""
    try:
        lines, start = inspect.getsourcelines(f)
        text = textwrap.dedent("".join(lines))
        doc = ast.parse(text).body[0].body[0]  # type: ignore[attr-defined]
        path = inspect.getsourcefile(f) or inspect.getfile(f)
        return path, start + doc.lineno - 1, ast.get_source_segment(text, doc) or ""
    except (OSError, TypeError, SyntaxError, IndexError, AttributeError):
        return None


def _annotated(c_side: inspect.Signature, python: inspect.Signature) -> inspect.Signature:
    """The call's signature (the C names, which keyword arguments use) with the Python
    function's annotations, parameter by parameter."""
    annotations = [p.annotation for p in python.parameters.values()]
    return c_side.replace(
        parameters=[p.replace(annotation=a) for p, a in zip(c_side.parameters.values(),
                                                             annotations)],
        return_annotation=python.return_annotation)


def _check_python_signature(f: Callable, vf: VirtineFunction) -> None:
    params = [p for p in inspect.signature(f).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    expected = vf.packer.inputs
    if len(params) != len(expected):
        names = ", ".join(p.name for p in expected) or "none"
        raise TypeError(f"@virtine {f.__qualname__}: the Python function takes {len(params)} "
                        f"arguments but the C virtine {vf.signature.prototype} takes "
                        f"{len(expected)} from Python ({names})")

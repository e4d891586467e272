"""pycparser extended with the GNU C that real code uses: ``__attribute__((...))``
wherever gcc accepts it, ``typeof``, case ranges, ``[a ... b]`` designators,
``&&label`` and ``goto *p``, ``__builtin_types_compatible_p``, ``__alignof__`` of an
expression, ``asm`` statements, ``__real__``/``__imag__`` and imaginary constants
(``2.0i``). Statement expressions and ``_Generic`` pycparser parses itself.

GNU attributes arrive as pycparser's own attribute nodes (``c_ast.Attribute``, in
the ``attributes`` of the node they belong to) with ``namespace="gnu"`` and the
arguments parsed as C expressions (an ``ExprList``, or ``None``)."""
from __future__ import annotations

import re
from typing import Any, Optional

from pycparser import c_ast
from pycparser.c_lexer import CLexer
from pycparser.c_parser import CParser, ParseError

GNU_KEYWORDS = {
    "__attribute__": "ATTRIBUTE_BEGIN", "__attribute": "ATTRIBUTE_BEGIN",
    "typeof": "TYPEOF", "__typeof__": "TYPEOF", "__typeof": "TYPEOF",
    "__asm__": "ASM", "__asm": "ASM", "asm": "ASM",
    "__builtin_offsetof": "OFFSETOF",
    "__builtin_types_compatible_p": "TYPES_COMPATIBLE_P",
    "__real__": "REAL_PART", "__real": "REAL_PART", "__imag__": "IMAG_PART", "__imag": "IMAG_PART",
    "__complex__": "_COMPLEX", "__complex": "_COMPLEX",
}
_PART_OPERATORS = {"REAL_PART": "__real__", "IMAG_PART": "__imag__"}
# What may follow a number to make it imaginary (GNU): i or j, before or after the
# number's own f/l suffix; the rest of an identifier would make it something else.
_IMAGINARY_SUFFIX = re.compile(r"([iIjJ])([fFlL]?)(?![\w.])")
_NUMBER_TOKENS = {"FLOAT_CONST", "HEX_FLOAT_CONST", "INT_CONST_DEC", "INT_CONST_OCT",
                  "INT_CONST_HEX", "INT_CONST_BIN"}
_ASM_QUALIFIERS = {"VOLATILE", "INLINE", "GOTO"}


class GnuLexer(CLexer):
    """pycparser's lexer with the GNU keywords. ``__attribute__`` lexes as the token
    that opens a C23 attribute, so every place pycparser accepts attributes accepts
    GNU ones too; the parser tells them apart by spelling."""

    def __init__(self, error_func: Any, **kwargs: Any) -> None:
        super().__init__(error_func, **kwargs)
        self._keyword_map.update(GNU_KEYWORDS)

    def _match_token(self) -> Any:
        # Identifiers with extended characters (C99 6.4.2.1): cpp hands them on spelled
        # as universal character names, ``Lef\U000000e8vre``; pycparser knows only ASCII.
        first = self._lexdata[self._pos]
        m = None if first.isascii() and not (first.isalpha() or first in "_$\\") else \
            _EXTENDED_IDENTIFIER.match(self._lexdata, self._pos)
        if m is not None and (not m.group().isascii() or "\\" in m.group()):
            # cpp has checked the UCNs' characters (gcc: "not valid in an identifier")
            name = _UCN.sub(lambda u: chr(int(u.group(1) or u.group(2), 16)), m.group())
            tok = self._make_token("ID", name, self._pos)
            self._pos = m.end()
            return tok
        tok = super()._match_token()
        if tok is None:
            return tok
        if tok.type == "_COMPLEX":
            tok.value = "_Complex"                   # ``__complex__`` is the same keyword
        elif tok.type in _NUMBER_TOKENS:
            m = _IMAGINARY_SUFFIX.match(self._lexdata, self._pos)
            if m:
                # spelled with the i last (``2.0fi``), the one form imaginary_literal reads
                tok.value += m.group(2) + m.group(1)
                self._pos = m.end()
        return tok


_UCN_SPELLING = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_UCN = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# \w is Unicode's letters, digits and underscore: a stray ``§`` stays an illegal character
_EXTENDED_IDENTIFIER = re.compile(rf"(?:[^\W\d]|\$|{_UCN_SPELLING})(?:[\w$]|{_UCN_SPELLING})*")


# -- nodes pycparser does not have ---------------------------------------------


class _Node(c_ast.Node):
    """A node whose children are the fields named in ``_children`` (the rest are plain
    data), so pycparser's visitors and ``children()`` walk it."""

    __slots__ = ()
    _children: tuple = ()
    attr_names: tuple = ()

    def children(self) -> tuple:
        out = []
        for name in self._children:
            value = getattr(self, name)
            if isinstance(value, list):
                out += [(f"{name}[{i}]", v) for i, v in enumerate(value)]
            elif value is not None:
                out.append((name, value))
        return tuple(out)

    def __iter__(self):
        return (child for _, child in self.children())


class Range(_Node):
    """``lo ... hi``: a case range, or an array designator range."""
    __slots__ = ("lo", "hi", "coord", "__weakref__")
    _children = ("lo", "hi")

    def __init__(self, lo: c_ast.Node, hi: c_ast.Node, coord: object = None) -> None:
        self.lo, self.hi, self.coord = lo, hi, coord


class LabelAddress(_Node):
    """``&&label``: the address of a label in the current function."""
    __slots__ = ("name", "coord", "__weakref__")
    attr_names = ("name",)

    def __init__(self, name: str, coord: object = None) -> None:
        self.name, self.coord = name, coord


class ComputedGoto(_Node):
    """``goto *expr;``"""
    __slots__ = ("expr", "coord", "__weakref__")
    _children = ("expr",)

    def __init__(self, expr: c_ast.Node, coord: object = None) -> None:
        self.expr, self.coord = expr, coord


class AsmOperand(_Node):
    """One ``[name] "constraint" (expr)`` of an extended asm statement."""
    __slots__ = ("name", "constraint", "expr", "coord", "__weakref__")
    _children = ("expr",)
    attr_names = ("name", "constraint")

    def __init__(self, name: Optional[str], constraint: str, expr: c_ast.Node,
                 coord: object = None) -> None:
        self.name, self.constraint, self.expr, self.coord = name, constraint, expr, coord


class Asm(_Node):
    """An ``asm`` statement (``file_scope``: a top-level ``asm("...");``). Strings are
    the C literals' spellings; ``basic`` is asm without a colon (no operands)."""
    __slots__ = ("qualifiers", "template", "outputs", "inputs", "clobbers", "labels",
                 "basic", "file_scope", "coord", "__weakref__")
    _children = ("outputs", "inputs")
    attr_names = ("qualifiers", "template", "clobbers", "labels", "basic")

    def __init__(self, qualifiers: list, template: c_ast.Constant, outputs: list,
                 inputs: list, clobbers: list, labels: list, basic: bool,
                 file_scope: bool = False, coord: object = None) -> None:
        self.qualifiers, self.template = qualifiers, template
        self.outputs, self.inputs, self.clobbers, self.labels = outputs, inputs, clobbers, labels
        self.basic, self.file_scope, self.coord = basic, file_scope, coord


def gnu_attributes(node: c_ast.Node) -> list:
    """The GNU attributes (``c_ast.Attribute``) that ``node`` carries itself."""
    return [a for spec in getattr(node, "attributes", None) or []
            if isinstance(spec, c_ast.AttributeSpecifier)
            for a in spec.attributes if a.namespace == "gnu"]


def attribute_name(spelling: str) -> str:
    """``__packed__`` and ``packed`` are the same attribute."""
    if spelling.startswith("__") and spelling.endswith("__") and len(spelling) > 4:
        return spelling[2:-2]
    return spelling


def _name_of(decl: c_ast.Node) -> c_ast.TypeDecl:
    """The innermost part of a declarator: the TypeDecl of the name it declares."""
    while not isinstance(decl, c_ast.TypeDecl):
        decl = decl.type
    return decl


def _attach_to_name(decl: c_ast.Node, attributes: list) -> None:
    name = _name_of(decl)
    name.attributes = attributes + list(name.attributes or [])


class GnuParser(CParser):
    """pycparser's recursive-descent parser with GNU productions (see the module
    docstring). Each override adds one GNU form and hands everything else back."""

    def __init__(self) -> None:
        super().__init__(lexer=GnuLexer)
        self.warnings: list[tuple[object, str]] = []   # (coord, message)

    # -- attributes -----------------------------------------------------------

    def _parse_attribute_specifier_sequence(self) -> list:
        groups = []
        while self._peek_type() == "ATTRIBUTE_BEGIN":
            if not self._peek().value.startswith("__attribute"):
                groups += super()._parse_attribute_specifier_sequence()  # C23 [[...]]
                continue
            opening = self._advance()
            self._expect("LPAREN")
            self._expect("LPAREN")
            attributes = []
            while self._peek_type() != "RPAREN":
                if self._accept("COMMA"):
                    continue
                attributes.append(self._parse_gnu_attribute())
                if not self._accept("COMMA"):
                    break
            self._expect("RPAREN")
            self._expect("RPAREN")
            groups.append(c_ast.AttributeSpecifier(attributes, self._tok_coord(opening)))
        return groups

    def _parse_gnu_attribute(self) -> c_ast.Attribute:
        tok = self._advance()
        if not (tok.value[:1].isalpha() or tok.value[:1] == "_"):
            self._parse_error(f"before: {tok.value}", self._tok_coord(tok))
        args = None
        if self._accept("LPAREN"):
            mark = self._mark()
            try:
                args = (c_ast.ExprList([], self._tok_coord(tok)) if self._peek_type() == "RPAREN"
                        else self._parse_argument_expression_list())
                self._expect("RPAREN")
            except ParseError:   # arguments that are not C (gcc ignores the attribute then)
                self._reset(mark)
                self._skip_balanced()
                args = None
        return c_ast.Attribute(attribute_name(tok.value), "gnu", args, self._tok_coord(tok))

    def _skip_balanced(self) -> None:
        """Skip tokens to just past the ``)`` matching an already consumed ``(``."""
        depth = 1
        while depth:
            tok = self._advance()
            depth += {"LPAREN": 1, "RPAREN": -1}.get(tok.type, 0)

    def _parse_specifiers(self, *, allow_storage_and_function: bool) -> tuple:
        # GNU lets attributes sit between specifiers (``static __attribute__((x)) int``);
        # pycparser stops at the first attribute, so parse on after each.
        leading = self._parse_attribute_specifier_sequence()
        spec, saw_type, first = super()._parse_specifiers(
            allow_storage_and_function=allow_storage_and_function)
        attributes = leading
        while spec is not None:
            attributes += spec["type_attributes"]
            spec["type_attributes"] = []
            tok = self._peek()
            if tok is None or not self._starts_declaration(tok) or \
                    (tok.type == "TYPEID" and saw_type):
                break
            more, more_type, _ = super()._parse_specifiers(
                allow_storage_and_function=allow_storage_and_function)
            if more is None:
                break
            for key, values in more.items():
                if key != "type_attributes":
                    spec[key] += values
            spec["type_attributes"] = more["type_attributes"]
            saw_type = saw_type or more_type
        if spec is not None:
            spec["type_attributes"] = attributes
        return spec, saw_type, first

    def _build_declarations(self, spec: Any, decls: list, typedef_namespace: bool = False) -> list:
        if not spec["type"] and any(d.get("decl") is not None for d in decls):
            # ``static x;``, ``_Alignas(16) y;``: C90's implicit int, which gcc still takes
            spec = dict(spec, type=[c_ast.IdentifierType(["int"], decls[0]["decl"].coord)])
            for d in decls:
                if not isinstance(d["decl"], c_ast.FuncDecl):
                    name = _name_of(d["decl"])
                    self.warnings.append((name.coord, "type defaults to 'int' in "
                                          f"declaration of '{name.declname}' [-Wimplicit-int]"))
        if "typedef" in spec["storage"]:     # pycparser would drop the initializer
            for d in decls:
                if d.get("init") is not None:
                    self._parse_error("illegal initializer (only variables can be "
                                      "initialized)", d["init"].coord)
        return super()._build_declarations(spec, decls, typedef_namespace)

    def _attach_type_attributes(self, decl: Any, spec: Any) -> Any:
        # Attributes among the specifiers belong to what is declared (gcc), not to the
        # base type: ``int __attribute__((aligned(16))) a[4]`` aligns the array.
        decl.attributes = list(decl.attributes or []) + spec["type_attributes"]
        return decl

    def _attribute_declarations(self, nodes: list, attributes: list) -> list:
        for node in nodes:
            decl = node.decl if isinstance(node, c_ast.FuncDef) else node
            if isinstance(decl, (c_ast.Decl, c_ast.Typedef)):
                decl.attributes = attributes + list(decl.attributes or [])
        return nodes

    def _parse_parameter_declaration(self) -> c_ast.Node:
        attributes = self._parse_attribute_specifier_sequence()
        decl = self._parse_parameter_declaration_body()
        decl.attributes = attributes + list(decl.attributes or [])
        return decl

    def _build_parameter_declaration(self, spec: Any, decl: Any, spec_coord: Any) -> c_ast.Node:
        # an unnamed parameter keeps no storage class: check it before it is dropped
        if [s for s in spec["storage"] if s != "register"]:
            self._parse_error(f"invalid storage class specifier '{spec['storage'][0]}' in "
                              "function declarator", spec_coord)
        return super()._build_parameter_declaration(spec, decl, spec_coord)

    def _parse_struct_or_union_specifier(self) -> c_ast.Node:
        node = super()._parse_struct_or_union_specifier()
        return self._type_attributes_after_body(node, node.decls is not None)

    def _parse_enum_specifier(self) -> c_ast.Node:
        node = super()._parse_enum_specifier()
        return self._type_attributes_after_body(node, node.values is not None)

    def _type_attributes_after_body(self, node: c_ast.Node, has_body: bool) -> c_ast.Node:
        """``struct S {...} __attribute__((packed))``: after the brace, the type's own."""
        if has_body:
            node.attributes = list(node.attributes or []) + \
                self._parse_attribute_specifier_sequence()
        return node

    def _parse_struct_declarator(self) -> dict:
        info = super()._parse_struct_declarator()
        if info.get("bitsize") is not None:      # ``int x : 3 __attribute__((packed))``
            decl = info["decl"]
            decl.attributes = list(decl.attributes or []) + \
                self._parse_attribute_specifier_sequence()
        return info

    # GNU: attributes at the start of a parenthesized declarator, ``int (ATTR *p)(void)``
    # and ``(int (ATTR *)(void))``, belong to what it declares.

    def _scan_declarator_name_info(self) -> tuple:
        self._parse_attribute_specifier_sequence()
        return super()._scan_declarator_name_info()

    def _parse_direct_declarator(self, kind: str, allow_paren: bool = True) -> c_ast.Node:
        if not (allow_paren and self._peek_type() == "LPAREN" and
                self._peek_type(2) == "ATTRIBUTE_BEGIN"):
            return super()._parse_direct_declarator(kind, allow_paren)
        self._advance()
        attributes = self._parse_attribute_specifier_sequence()
        decl = self._parse_declarator_kind(kind, allow_paren=True)
        self._expect("RPAREN")
        _attach_to_name(decl, attributes)
        return self._parse_decl_suffixes(decl)

    def _parse_direct_abstract_declarator(self) -> c_ast.Node:
        if self._peek_type() == "LPAREN" and self._peek_type(2) == "ATTRIBUTE_BEGIN":
            mark = self._mark()
            self._advance()
            attributes = self._parse_attribute_specifier_sequence()
            if self._peek_type() in ("TIMES", "LPAREN", "LBRACKET"):
                decl = self._parse_abstract_declarator_opt()
                self._expect("RPAREN")
                _attach_to_name(decl, attributes)
                return self._parse_decl_suffixes(decl)
            self._reset(mark)       # ``(__attribute__((x)) int)``: a parameter list
        return super()._parse_direct_abstract_declarator()

    def _parse_decl_suffixes(self, decl: c_ast.Node) -> c_ast.Node:
        decl = super()._parse_decl_suffixes(decl)
        if self._peek_type() == "ASM":               # ``int f(void) asm("name");``
            tok = self._advance()
            self._expect("LPAREN")
            label = self._parse_unified_string_literal()
            self._expect("RPAREN")
            decl.attributes = list(decl.attributes or []) + [c_ast.AttributeSpecifier(
                [c_ast.Attribute("asm", "gnu", c_ast.ExprList([label]), self._tok_coord(tok))])]
            decl.attributes += self._parse_attribute_specifier_sequence()
        return decl

    # -- expressions ----------------------------------------------------------

    def _starts_expression(self, tok: Any = None) -> bool:
        tok = tok or self._peek()
        return super()._starts_expression(tok) or \
            (tok is not None and tok.type in ("TYPES_COMPATIBLE_P", "LAND", *_PART_OPERATORS))

    def _parse_unary_expression(self) -> c_ast.Node:
        tok = self._peek()
        if tok is not None and tok.type in _PART_OPERATORS:
            self._advance()                          # GNU ``__real__ z``, ``__imag__ z``
            return c_ast.UnaryOp(_PART_OPERATORS[tok.type], self._parse_cast_expression(),
                                 self._tok_coord(tok))
        if tok is not None and tok.type == "LAND" and self._peek_type(2) in ("ID", "TYPEID"):
            self._advance()
            name = self._advance()
            return LabelAddress(name.value, self._tok_coord(tok))
        if tok is not None and tok.type == "_ALIGNOF" and self._peek_type(2) == "LPAREN" and \
                not self._starts_declaration(self._peek(3)):
            self._advance()                          # GNU ``__alignof__(expression)``
            return c_ast.UnaryOp(tok.value, self._parse_unary_expression(),
                                 self._tok_coord(tok))
        return super()._parse_unary_expression()

    def _parse_primary_expression(self) -> c_ast.Node:
        if self._peek_type() == "TYPES_COMPATIBLE_P":
            tok = self._advance()
            self._expect("LPAREN")
            first = self._parse_type_name()
            self._expect("COMMA")
            second = self._parse_type_name()
            self._expect("RPAREN")
            coord = self._tok_coord(tok)
            return c_ast.FuncCall(c_ast.ID(tok.value, coord),
                                  c_ast.ExprList([first, second], coord), coord)
        return super()._parse_primary_expression()

    def _parse_initializer_item(self) -> c_ast.Node:
        # ``{x: 1}``: gcc's obsolete spelling of ``{.x = 1}``, still in old GNU code
        if self._peek_type() in ("ID", "TYPEID") and self._peek_type(2) == "COLON":
            name = self._parse_identifier_or_typeid()
            self._expect("COLON")
            return c_ast.NamedInitializer([name], self._parse_initializer())
        return super()._parse_initializer_item()

    def _parse_designator(self) -> c_ast.Node:
        if self._peek_type() != "LBRACKET":
            return super()._parse_designator()
        tok = self._advance()
        index = self._parse_constant_or_range()      # ``[a ... b] = v`` too
        self._expect("RBRACKET")
        return c_ast.ArrayDesignator(index, self._tok_coord(tok))

    def _parse_constant_or_range(self) -> c_ast.Node:
        lo = self._parse_constant_expression()
        if self._accept("ELLIPSIS"):
            return Range(lo, self._parse_constant_expression(), lo.coord)
        return lo

    # -- statements -----------------------------------------------------------

    def _starts_statement(self) -> bool:
        return self._peek_type() == "ASM" or super()._starts_statement()

    def _parse_statement(self) -> c_ast.Node:
        if self._peek_type() == "ASM":
            return self._parse_asm()
        return super()._parse_statement()

    def _parse_labeled_statement(self) -> c_ast.Node:
        if self._peek_type() != "CASE":
            return super()._parse_labeled_statement()
        case_tok = self._advance()
        expr = self._parse_constant_or_range()       # ``case 1 ... 5:`` too
        self._expect("COLON")
        if self._starts_statement():
            stmt = self._parse_pragmacomp_or_statement()
        else:
            stmt = c_ast.EmptyStatement(self._tok_coord(case_tok))
        return c_ast.Case(expr, [stmt], self._tok_coord(case_tok))

    def _parse_jump_statement(self) -> c_ast.Node:
        if self._peek_type() == "GOTO" and self._peek_type(2) == "TIMES":
            tok = self._advance()
            self._advance()
            expr = self._parse_expression()
            self._expect("SEMI")
            return ComputedGoto(expr, self._tok_coord(tok))
        return super()._parse_jump_statement()

    def _parse_external_declaration(self) -> list:
        if self._peek_type() == "ASM":
            node = self._parse_asm()
            node.file_scope = True
            return [node]
        return super()._parse_external_declaration()

    def _parse_asm(self) -> Asm:
        """``asm qualifiers ( template [: outputs [: inputs [: clobbers [: labels]]]] );``"""
        tok = self._advance()
        qualifiers = []
        while self._peek_type() in _ASM_QUALIFIERS:
            qualifiers.append(self._advance().value.strip("_"))
        self._expect("LPAREN")
        template = self._parse_unified_string_literal()
        sections: list = [[], [], [], []]
        colons = 0
        while colons < 4:
            sep = self._accept("COLON") or self._accept("COLONCOLON")   # ``:::`` is ``::`` ``:``
            if sep is None:
                break
            colons += len(sep.value)
            if self._peek_type() in ("COLON", "COLONCOLON", "RPAREN"):
                continue
            sections[colons - 1] = self._parse_asm_section(colons)
        self._expect("RPAREN")
        self._expect("SEMI")
        outputs, inputs, clobbers, labels = sections
        return Asm(qualifiers, template, outputs, inputs, clobbers, labels, colons == 0,
                   coord=self._tok_coord(tok))

    def _parse_asm_section(self, index: int) -> list:
        items = []
        while True:
            if index == 4:
                items.append(self._parse_identifier().name)
            elif index == 3:
                items.append(self._parse_unified_string_literal())
            else:
                name = None
                start = self._peek()
                if self._accept("LBRACKET"):
                    name = self._parse_identifier_or_typeid().name
                    self._expect("RBRACKET")
                constraint = self._parse_unified_string_literal()
                self._expect("LPAREN")
                expr = self._parse_expression()
                self._expect("RPAREN")
                items.append(AsmOperand(name, constraint.value, expr, self._tok_coord(start)))
            if not self._accept("COMMA"):
                return items

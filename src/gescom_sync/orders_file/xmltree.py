"""A small XML tree that remembers the line of each element, for error messages.

Built on expat (the standard library's parser) with document type declarations refused,
so no entity of the file's own making is ever expanded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pyexpat import ExpatError, ParserCreate


@dataclass
class Element:
    tag: str
    line: int
    attributes: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: str = ""


class MalformedXml(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


class DoctypeRefused(MalformedXml):
    """The file declares a document type (the door to entity expansion attacks)."""


def parse(data: bytes) -> Element:
    """The root element of ``data``; :class:`MalformedXml` with the line when it is not well-formed."""
    parser = ParserCreate()
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = Element(tag, parser.CurrentLineNumber, attributes)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    def doctype(*_args: object) -> None:
        raise DoctypeRefused(parser.CurrentLineNumber, "DOCTYPE")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = text, doctype
    try:
        parser.Parse(data, True)
    except DoctypeRefused:
        raise
    except ExpatError as error:
        raise MalformedXml(error.lineno, str(error).split(":")[0]) from None
    return roots[0]

"""YAML as authors write it (front matter, ``content/authors.yml``), read within limits.

PyYAML composes an alias as a reference to its anchor's node, so 1 KB of aliases that
repeat aliases nine levels deep (a "billion laughs") loads at once and stands for hundreds
of millions of values: whatever walks the value afterwards (a digest, a pickle, an error
message that shows it) grows memory without limit. A value nested 10,000 levels deep loads
too, and ends in a RecursionError wherever it is walked (200,000 levels crash PyYAML's
C composer itself).

:func:`load_yaml` therefore first reads the text's events, which libyaml's parser produces
from its own stack, and stops at the first of: a collection nested deeper than
:data:`MAX_DEPTH`; aliases that stand for more than :data:`MAX_ALIAS_NODES` values in all
(each anchor's expanded size is counted once, when its node ends, so the count takes time
in proportion to the text); an alias inside the node it names; a text with a character
that XML 1.0 refuses (``"\\x01"`` is one, written as an escape). Only then is the text
loaded. Every refusal is an :class:`~sitegen.errors.AuthorError` at the line it happens.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import AuthorError
from sitegen.textscan import character_name, forbidden_character

MAX_DEPTH = 100  # levels of lists and mappings inside one another
MAX_ALIAS_NODES = 100_000  # values that all the aliases of one text stand for, in all


class _Loader(yaml.CSafeLoader):
    """PyYAML's C loader without implicit timestamps: dates are parsed (and checked) by us."""


def _as_written(loader: yaml.SafeLoader, _: str, node: yaml.Node) -> Any:
    """The value of a node of a local tag no loader knows (Marlin's ``!PIDTEMPBED``): as if
    it had no tag, an empty one None, as Jekyll's Ruby reads it."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_scalar(node) or None


_Loader.add_multi_constructor("!", _as_written)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Collection:
    """A list or mapping whose events are being read."""

    anchor: str | None
    is_mapping: bool
    size: int = 1  # values it stands for, aliases expanded (itself included)
    items: int = 0  # keys and values read so far
    key: str | None = None  # (a mapping's) the key of the value being read


class _Limits:
    """The checks of :func:`load_yaml`, made event by event."""

    def __init__(self, path: Path, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.open: list[_Collection] = []
        self.sizes: dict[str, int] = {}  # each anchor's expanded size
        self.expanded = 0  # values the aliases read so far stand for
        self.tagged_line: int | None = None  # the first value with an explicit tag (!!int)
        self.local_tags: list[tuple[str, int | None]] = []  # (!PIDTEMPBED, its line)

    def line(self, event: yaml.Event) -> int | None:
        """The file line where ``event`` starts."""
        mark = event.start_mark
        return mark.line + self.first_line if mark is not None else None

    def error(self, event: yaml.Event, message: str, hint: str) -> AuthorError:
        return AuthorError(self.path, message, line=self.line(event), hint=hint)

    def read(self, event: yaml.Event) -> None:
        """Check one event: a value starts or ends, or an alias stands for one."""
        tag = getattr(event, "tag", None)
        if tag is not None and self.tagged_line is None:
            self.tagged_line = self.line(event)
        if tag is not None and tag.startswith("!") and not tag.startswith("!!") and tag != "!":
            self.local_tags.append((tag, self.line(event)))  # (not "!", YAML's "a text",
            # which jekyll-import writes before each title: ! 'Rails 0.9.1: ...')
        if isinstance(event, yaml.CollectionStartEvent):
            self.start_value(None)
            if len(self.open) >= MAX_DEPTH:
                raise self.error(event, f"YAML nested too deeply: more than {MAX_DEPTH} "
                                 "levels of lists and mappings inside one another",
                                 "flatten the value: fields hold texts, lists and small mappings")
            self.open.append(_Collection(event.anchor, isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, yaml.CollectionEndEvent):
            collection = self.open.pop()
            self.end_value(collection.size, collection.anchor)
        elif isinstance(event, yaml.ScalarEvent):
            self.check_text(event)
            self.check_number(event)
            self.start_value(event.value)
            self.end_value(1, event.anchor)
        elif isinstance(event, yaml.AliasEvent):
            self.start_value(None)
            self.end_value(self.alias_size(event), None)

    def start_value(self, text: str | None) -> None:
        """A value starts: if it is a key (a text, else None), remember it."""
        if self.open and self.open[-1].is_mapping and self.open[-1].items % 2 == 0:
            self.open[-1].key = text

    def end_value(self, size: int, anchor: str | None) -> None:
        """A value of ``size`` values ends: its anchor's size, and its part of the
        collection around it."""
        if anchor is not None:
            self.sizes[anchor] = size
        if self.open:
            self.open[-1].size += size
            self.open[-1].items += 1

    def alias_size(self, event: yaml.AliasEvent) -> int:
        """How many values the alias stands for; raise if the aliases so far stand for too
        many, or if it names a node it is inside."""
        anchor = event.anchor or ""
        if any(collection.anchor == anchor for collection in self.open):
            raise self.error(event, f"YAML alias *{anchor} is inside the value it names "
                             f"(&{anchor}), so that value would never end",
                             "point the alias at another value, or write the value out")
        size = self.sizes.get(anchor, 1)  # (an undefined alias is PyYAML's error, later)
        self.expanded += size
        if self.expanded > MAX_ALIAS_NODES:
            raise self.error(event, f"YAML aliases stand for more than {MAX_ALIAS_NODES:,} "
                             f"values in all (*{anchor} alone stands for {size:,})",
                             "use fewer aliases (*name), above all aliases of values that "
                             "hold aliases, which multiply; or write the values out")
        return size

    def check_number(self, event: yaml.ScalarEvent) -> None:
        """Refuse a whole number written with more digits than Python reads."""
        limit = sys.get_int_max_str_digits()
        if not limit or len(event.value) <= limit:
            return
        digits = sum(map(str.isdigit, event.value))
        loader: Any = _Loader("")  # (PyYAML's resolver has no types)
        if digits > limit and loader.resolve(
                yaml.ScalarNode, event.value, event.implicit) == "tag:yaml.org,2002:int":
            raise self.error(event, f"{self.where()} is a whole number of {digits:,} digits: "
                             f"more than the {limit:,} a number may have",
                             "write a shorter number, or put the value in quotes to keep it "
                             "as text")

    def where(self) -> str:
        """What the scalar being read is: a key, a field's value (by the field's name) or a
        text."""
        parent = self.open[-1] if self.open else None
        if parent is not None and parent.is_mapping and parent.items % 2 == 0:
            return "a key"
        field = next((c.key for c in reversed(self.open) if c.is_mapping and c.key), None)
        return f"'{field}'" if field is not None else "a text"

    def check_text(self, event: yaml.ScalarEvent) -> None:
        """Refuse a text (key or value) with a character that XML 1.0 refuses."""
        character = forbidden_character(event.value)
        if character is None:
            return
        raise self.error(event, f"{self.where()} contains the character "
                         f"{character_name(character)}, which feeds and pages cannot carry",
                         "remove it (it is written as an escape such as \\x01 or \\u0001 in "
                         "double quotes); tabs and line breaks (\\t, \\n) are fine")


def _syntax_error(error: yaml.YAMLError, path: Path, text: str, first_line: int) -> AuthorError:
    """PyYAML's error as an author error. An unclosed bracket or quote is noticed lines
    later: it is reported where it opened."""
    context = getattr(error, "context", None) or ""
    opened = "flow" in context or "quoted" in context
    mark = getattr(error, "context_mark" if opened else "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if opened:
        problem = f"{problem} ({context} that starts here)"
    last_line = first_line + text.count("\n")
    return AuthorError(
        path, f"invalid YAML: {problem}",
        line=min(mark.line + first_line, last_line) if mark is not None else None,
        hint="close the bracket or quote opened on that line, or put the whole value in quotes"
        if opened else "check indentation, and put values containing ':' or '#' in quotes",
    )


def load_yaml(text: str, path: Path, first_line: int = 1,
              notes: list[AuthorError] | None = None) -> Any:
    """The value of the YAML document ``text``, whose first line is line ``first_line`` of
    ``path`` (dates stay text). Raises :class:`AuthorError` for invalid YAML and for each
    limit of this module, at the line where it is passed. A value of a local tag
    (``!PIDTEMPBED``) is read as if it had none, with a warning in ``notes``."""
    limits = _Limits(path, first_line)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            limits.read(event)
        value = yaml.load(text, Loader=_Loader)
        if notes is not None:
            notes.extend(AuthorError(
                path, f"the YAML tag {tag} is not read: its value is taken as written "
                "(an empty one as none), as Jekyll takes it", line=line,
                hint="remove the tag, or put the value in quotes if it is text")
                for tag, line in limits.local_tags)
        return value
    except yaml.YAMLError as error:
        raise _syntax_error(error, path, text, first_line) from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        raise AuthorError(path, f"invalid YAML: a value with an explicit tag (such as !!int) "
                          f"cannot be read as that type ({error})", line=limits.tagged_line,
                          hint="remove the tag, or write a value of that type") from None

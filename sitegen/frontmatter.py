"""Split a source file into YAML front matter and Markdown body, and validate the fields."""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import posixpath
import re
import reprlib
import tomllib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.dialect import PARAM_HINT, unsupported_syntax
from sitegen.errors import AuthorError
from sitegen.htmlscan import start_tags
from sitegen.markdown import check_nesting
from sitegen.models import is_external
from sitegen.rewrites import without_attribute_list
from sitegen.slugs import slugify
from sitegen.spelling import did_you_mean
from sitegen.textscan import character_name, forbidden_character
from sitegen.yamltext import MAX_DEPTH, load_yaml

_DATE = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ]\s*(?P<hour>\d{1,2}):(?P<minute>\d{1,2})"  # (tmy.se's 19:6, as dateutil)
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?|\.0+)?"  # (onevcat's 00:10.000000000)
    r"\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?|[+-]\d{3})?"  # (Ruby's -300: -03:00)
    r"(?:\s*(?P<zone>[A-Za-z]{2,4}))?)?$"  # (Drill's "00:16:07 UTC"; Go's "+0000 UTC")
)
# Time zones by name, as Ruby's Time.parse (Jekyll) reads them after a date's time, in hours
_ZONE_NAMES = {"utc": 0, "ut": 0, "gmt": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
               "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "eet": 2,
               "eest": 3, "bst": 1, "jst": 9}

_DASH_BEFORE_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}-\d{1,2}:\d{2}(:\d{2})?$")
# Dates with the month's name, as Pelican (dateutil), Hugo and Jekyll read them too:
# "2018 Nov 22", "22 November 2018", "Nov 22, 2018", "2014-Sep-29", each with a time after it
# or not.
_NAMED_MONTH_FORMATS = ("%Y %b %d", "%Y %B %d", "%d %b %Y", "%d %B %Y", "%b %d, %Y",
                        "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%Y-%b-%d", "%Y-%B-%d",
                        "%d-%b-%Y", "%d-%B-%Y")
_TIME_AT_END = re.compile(r"^(?P<day>.*?),? (?P<hour>\d{1,2}):(?P<minute>\d{2})"
                          r"(?::(?P<second>\d{2}))?$")

# Values shown in error messages: cut short, however large or deep the value is.
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlist = _SHOWN.maxdict = 6
_SHOWN.maxlevel = 3


def _shown(value: Any) -> str:
    """``repr(value)``, cut to about a line."""
    return _SHOWN.repr(value)


TEXT_FIELDS = ("title", "slug", "category", "author", "summary", "template", "image", "url")
DATE_FIELDS = ("date", "updated")
BOOL_FIELDS = ("draft", "toc", "hidden")
# Every field the engine reads (once other generators' names are mapped onto these).
KNOWN_FIELDS = frozenset({*TEXT_FIELDS, *DATE_FIELDS, *BOOL_FIELDS, "tags", "aliases", "weight"})
# Other generators' fields that mean one of ours, for "did you mean ...?".
FIELD_OTHER_NAMES = {"layout": "template", "thumbnail": "image", "images": "image",
                     "desc": "summary", "keywords": "tags", "pubdate": "date", "created": "date",
                     "last_updated": "updated", "unlisted": "hidden", "order": "weight"}


@dataclass
class SplitSource:
    """A source file's parsed front matter and its Markdown body."""

    meta: dict[str, Any]
    body: str
    body_line: int
    front_matter_lines: list[str]
    first_line: int = 2
    header_lines: bool = False  # (Pelican's Key: value lines, which split lists at , or ;)
    opened_by_dashes: bool = False  # (header lines after a '---' that no line closes)
    key_lines: dict[str, int] | None = dataclasses.field(default=None, repr=False,
                                                         compare=False)
    # Warnings on the front matter as it was read (a YAML tag not read): see validate_meta
    notes: list[AuthorError] = dataclasses.field(default_factory=list, repr=False)

    def line_of(self, key: str) -> int | None:
        """The file line where front matter ``key`` is set (any case, ``:`` or ``=``), if it is."""
        if self.key_lines is None:  # (made once: a file may have thousands of keys)
            self.key_lines = _key_lines(self.front_matter_lines, self.first_line)
        return self.key_lines.get(key.strip().lower())

    def line_of_item(self, key: str, item: str) -> int | None:
        """The file line, at or after the one that sets ``key``, that holds ``item`` (an
        entry of a list written one to a line); else the line that sets ``key``."""
        start = self.line_of(key)
        if start is None:
            return None
        lines = self.front_matter_lines[start - self.first_line:]
        return next((start + index for index, line in enumerate(lines) if item in line), start)


def _key_lines(lines: list[str], first_line: int) -> dict[str, int]:
    """Each key that ``lines`` set, lowercased, with the number of the first line that sets
    it. A line sets the text before its first ``:``, before its first ``: `` or final ``:``
    (a YAML key may hold ``:``), and before its first ``=`` (TOML); quotes around a key
    are taken off. A TOML table's header (``[name]``) sets its name. A line at the margin
    wins over an indented one before it (a key of the front matter itself, not of a table
    or list inside it: ``image:`` after ``section: [{image: ...}]``)."""
    found: dict[str, int] = {}
    nested: set[str] = set()  # (the keys found only on indented lines so far)
    for number, line in enumerate(lines, start=first_line):
        text = line.strip()
        indented = line[:1] in (" ", "\t", "-")
        if text.startswith("[") and text.endswith("]"):
            found.setdefault(text.strip("[]").strip().lower(), number)
        ends = (text.find(":"), text.find(": "), len(text) - 1 if text.endswith(":") else -1,
                text.find("="))
        for end in ends:
            key = text[:end].rstrip().lower() if end > 0 else ""
            if len(key) > 1 and key[0] == key[-1] and key[0] in "'\"":
                key = key[1:-1]
            if key and (key not in found or (key in nested and not indented)):
                found[key] = number
                if indented:
                    nested.add(key)
                else:
                    nested.discard(key)
    return found


# (each part is one class; no space in a key, as Python-Markdown's metadata reads them: a
# body's first line "The list is:" is text)
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
_TOML_LINE = re.compile(r"at line (\d+)")
# A line that sets a field of the front matter itself (not indented): ``key: value`` (YAML,
# header lines) or ``key = value`` (TOML), the key maybe in quotes.
_FIELD_LINE = re.compile(r"""["']?([A-Za-z0-9_][\w -]*?)["']?\s*(?::(?:\s|$)|=)""")


def split_source(text: str, path: Path) -> SplitSource:
    """Separate the front matter from the body and parse it.

    Front matter is YAML between ``---`` lines (Jekyll, Hugo, MkDocs), TOML between ``+++``
    lines (Hugo), ``Key: value`` header lines up to a blank line (Pelican, MultiMarkdown),
    or absent.
    """
    lines = text.split("\n")
    start = front_matter_start(lines)
    fence = _opening_fence(lines, start, path)
    if fence in ("---", "+++"):
        closers = ("---", "...") if fence == "---" else ("+++",)
        for index in range(start + 1, len(lines)):
            if lines[index].rstrip() in closers:
                break
            if fence == "---" and _LONG_DASHES.fullmatch(lines[index].rstrip()):
                # (falco's ten dashes: Hugo closes at the first three, the rest a rule)
                lines = [*lines[:index], "---", lines[index].rstrip()[3:], *lines[index + 1:]]
                break
        else:
            if fence == "---" and not "".join(lines[start + 1:start + 2]).strip():
                return _dropped_rule(lines, start, path)
            header = _split_header_lines(lines[start + 1:]) if fence == "---" else None
            after = start + 1 + header[1] if header is not None else 0
            if header is not None and (after >= len(lines) or not lines[after].strip()):
                # (Python-Markdown's meta: '---', then Key: value lines to a blank line)
                return _checked(SplitSource(
                    header[0], "\n".join(lines[after:]), after + 1, lines[start + 1:after],
                    first_line=start + 2, header_lines=True, opened_by_dashes=True), path)
            raise AuthorError(
                path, f"front matter starts with '{fence}' but is never closed", line=start + 1,
                hint=f"add a line with only '{fence}' after the last front matter field",
            )
        front_lines = lines[start + 1:index]
        header_lines, notes = False, list[AuthorError]()
        if fence == "---":
            meta, header_lines = _parse_yaml_or_header_lines(front_lines, path, start + 2, notes)
        else:
            meta = _parse_toml("\n".join(front_lines), path, start + 2)
        return _checked(SplitSource(meta, "\n".join(lines[index + 1:]), index + 2, front_lines,
                                    first_line=start + 2, header_lines=header_lines,
                                    notes=notes), path)
    header = _split_header_lines(lines)
    if header is not None:
        meta, count = header
        return _checked(SplitSource(meta, "\n".join(lines[count:]), count + 1, lines[:count],
                                    first_line=1, header_lines=True), path)
    return SplitSource({}, text, 1, [])


def _dropped_rule(lines: list[str], start: int, path: Path) -> SplitSource:
    """The source of ``lines`` whose ``---`` at ``start``, before a blank line, no line
    closes: a rule that MkDocs and Pelican (Python-Markdown's meta) drop, as they read
    header lines after it and find none (Traefik's snippet), left out with a warning, where
    Hugo stops at it."""
    note = AuthorError(path, "'---' on top, before a blank line, opens no front matter (no "
                       "line closes it): it is left out, as MkDocs and Pelican leave it out",
                       line=start + 1, hint="delete the line; or, to start front matter, add "
                       "a line with only '---' after its last field")
    return SplitSource({}, "\n".join(lines[start + 1:]), start + 2, [], notes=[note])


def _opening_fence(lines: list[str], start: int, path: Path) -> str:
    """The line at ``start`` that may open front matter, stripped (Hugo skips spaces before
    it: Pivotal's); ``---`` for a line of six dashes over YAML fields with a title or a date
    and a ``---`` line, which Hugo reads as the fence and YAML's own ``---`` (Kubernetes'
    contributor site), where a rule over a line of text (``Note: ...``) stays a rule."""
    fence = lines[start].strip() if lines else ""
    if fence != "------" or start + 1 >= len(lines) or not _HEADER_LINE.match(lines[start + 1]):
        return fence
    end = next((index for index in range(start + 1, len(lines))
                if lines[index].rstrip() in ("---", "...")), None)
    try:
        fields = load_yaml("\n".join(lines[start + 1:end]), path) if end else None
    except AuthorError:
        return fence
    return "---" if isinstance(fields, dict) and {"title", "date"} & set(fields) else fence


def front_matter_start(lines: list[str]) -> int:
    """The index of the line that may open ``lines``' front matter: the first, or the first
    after blank lines when it is ``---`` or ``+++`` and a line closes it (Hugo skips the
    blank lines before it: buildpacks' docs start with one)."""
    start = 0
    while start < len(lines) - 1 and not lines[start].strip():
        start += 1
    fence = lines[start].strip()
    if start == 0 or fence not in ("---", "+++"):
        return 0
    closers = ("---", "...") if fence == "---" else ("+++",)
    return start if any(line.rstrip() in closers for line in lines[start + 1:]) else 0


def _checked(source: SplitSource, path: Path) -> SplitSource:
    """``source``, once every key and value of its front matter is known to be at most
    ``MAX_DEPTH`` levels deep, with no text holding a character that XML 1.0 refuses
    (which an escape such as ``"\\u0001"`` writes): else an error at the field's line."""
    for name, value in source.meta.items():
        pending = [(name, 1), (value, 1)]
        while pending:
            item, depth = pending.pop()
            if depth > MAX_DEPTH:
                raise AuthorError(path, f"'{name}' is nested too deeply: more than {MAX_DEPTH} "
                                  "levels of lists and tables inside one another",
                                  line=source.line_of(str(name)),
                                  hint="flatten the value: fields hold texts, lists and small "
                                       "tables")
            if isinstance(item, str) and (character := forbidden_character(item)):
                raise AuthorError(path, f"'{name}' contains the character "
                                  f"{character_name(character)}, which feeds and pages cannot "
                                  "carry", line=source.line_of(str(name)),
                                  hint="remove it (it is written as an escape such as \\u0001 "
                                       "in quotes); tabs and line breaks (\\t, \\n) are fine")
            if isinstance(item, dict):
                pending += [(part, depth + 1) for pair in item.items() for part in pair]
            elif isinstance(item, list):
                pending += [(part, depth + 1) for part in item]
    return source


def _split_header_lines(lines: list[str]) -> tuple[dict[str, Any], int] | None:
    """Pelican/MultiMarkdown ``Key: value`` lines at the top (indented lines continue a
    value; a key may be indented by up to three spaces, as Python-Markdown's metadata reads
    it), taken as metadata only when they set a title or a date, or name fields this engine
    or MkDocs reads alone (Tasmota's ``description: Tasmota FAQ``), so that a page starting
    with "Note: ..." stays text. A line that is neither ends them, and starts the body, as in
    Python-Markdown (which Pelican and MkDocs read them with): ``<!-- Slug: x -->``, or a
    value's next line at the margin."""
    parts: dict[str, list[str]] = {}  # (joined at the end: a value may run on for pages)
    count = 0
    last_key = None
    for line in lines:
        if not line.strip():
            break
        if line.rstrip() in ("---", "...") and parts:  # (Python-Markdown's end of metadata)
            count += 1
            break
        indent = len(line) - len(line.lstrip(" "))
        match = _HEADER_LINE.match(line[indent:]) if indent < 4 else None
        if match:
            last_key = match.group(1).strip()
            parts[last_key] = [match.group(2).strip()]
        elif line[:1] in (" ", "\t") and last_key is not None:
            parts[last_key].append(line.strip())
        else:
            break
        count += 1
    keys = {key.lower() for key in parts}
    if not keys or not keys & {"title", "date"} and not keys <= _HEADER_FIELDS:
        return None
    return {key: _header_value(key, " ".join(part for part in value if part))
            for key, value in parts.items()}, count


def _header_value(key: str, text: str) -> str | bool | int:
    """A header line's value: its text, but true or false (any case) for a field that is
    true or false (``Draft: true``), and a whole number for ``weight``: header lines have no
    other way to write them. A date in quotes (``date: '2025-04-22'``, as Pelican's dateutil
    reads it) is the date."""
    name = key.strip().lower()
    if name in (*DATE_FIELDS, *_DATE_SYNONYMS) and len(text) > 2 and text[0] in "'\"" \
            and text[-1] == text[0]:
        return text[1:-1]
    if name in (*BOOL_FIELDS, "published") and text.lower() in ("true", "false"):
        return text.lower() == "true"
    digits = text.removeprefix("-")
    if name == "weight" and digits.isdecimal() and digits.isascii() and len(digits) <= 18:
        return int(text)
    return text


def _parse_toml(text: str, path: Path, first_line: int) -> dict[str, Any]:
    """The TOML ``text`` of front matter whose first line is the file's ``first_line``."""
    try:
        return tomllib.loads(text)
    except RecursionError:  # (tomllib reads nested arrays and tables by recursion)
        raise AuthorError(path, f"TOML nested too deeply: more than {MAX_DEPTH} levels of "
                          "arrays and tables inside one another",
                          line=_deep_toml_line(text, first_line),
                          hint="flatten the value: fields hold texts, lists and small tables"
                          ) from None
    except tomllib.TOMLDecodeError as error:
        line = _TOML_LINE.search(str(error))
        raise AuthorError(
            path, f"invalid TOML in front matter: {error}",
            line=int(line.group(1)) + first_line - 1 if line else None,
            hint='write fields as key = "value", with text in quotes',
        ) from None


def _deep_toml_line(text: str, first_line: int) -> int | None:
    """The file line where brackets and braces (counted as if no text held any) first open
    more than ``MAX_DEPTH`` levels, if they do."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        for character in line:
            depth += 1 if character in "[{" else -1 if character in "]}" else 0
            if depth > MAX_DEPTH:
                return number
    return None


def _parse_yaml_or_header_lines(lines: list[str], path: Path, first_line: int,
                                notes: list[AuthorError]) -> tuple[dict[str, Any], bool]:
    """A ``---`` block as YAML (its warnings in ``notes``); when YAML refuses a colon in a
    value but every line is a ``Key: value`` line (Python-Markdown's and Pelican's metadata,
    where ``Title: A: B`` is a title), as those lines. Also whether it was read as those
    lines."""
    try:
        return _parse_yaml("\n".join(lines), path, first_line, notes), False
    except AuthorError as error:
        header = _split_header_lines(lines)
        colon = "mapping values are not allowed" in error.message  # (Title: A: B)
        if not colon or header is None or header[1] != len(lines):
            raise
        return header[0], True


def _parse_yaml(text: str, path: Path, first_line: int,
                notes: list[AuthorError]) -> dict[str, Any]:
    """The YAML ``text`` of front matter whose first line is the file's ``first_line`` (its
    warnings in ``notes``)."""
    meta = load_yaml(text, path, first_line=first_line, notes=notes)
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise AuthorError(
            path, f"front matter must be 'key: value' fields, not a {type(meta).__name__}",
            line=first_line, hint="write one field per line, e.g. 'title: My post'",
        )
    return meta


def title_from_body(body: str) -> tuple[str | None, str]:
    """Take a leading ``# Title`` out of the body: ``(title, rest)``; ``(None, body)`` if none.
    An attribute list at the title's end (``# Title { #id }``) is not part of the title. HTML
    comments before it (a licence's header) are passed over, as MkDocs passes them. A heading
    that shows an image (copier's ``# ![Copier](logo.png)``) stays in the body: its text is
    no title."""
    lines = body.split("\n")
    in_comment = False
    for index, line in enumerate(lines):
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in (line.split("<!--", 1)[-1] if not in_comment else line)
            continue
        if not line.strip():
            continue
        title = _atx_title(line)
        if title and "![" not in title:
            return title, "\n".join(lines[:index] + lines[index + 1:])
        break
    return None, body


def _atx_title(line: str) -> str | None:
    """The text of a ``# Title`` line (a ``#``, white space, the title, optionally closing
    ``#``s, optionally an attribute list), or None for any other line or an empty title."""
    if not line.startswith("#") or not line[1:2].isspace():
        return None
    text = line[1:].strip()
    closed = text.rstrip("#")  # (a closing run of #s goes after a space, as in CommonMark:
    if not closed:  # C# and c\# stay)
        return None  # (# ##: an empty heading)
    return without_attribute_list(closed.rstrip() if closed[-1] in " \t" else text) or None


def _yaml_pitfall(value: Any) -> str:
    if isinstance(value, bool):
        return " (YAML reads yes/no/on/off/true/false as a boolean)"
    if isinstance(value, float):
        return " (YAML reads numbers like 1.10 as 1.1)"
    return ""


# A date with the year last, 23/01/2022 (Drill's), maybe a time after it
_YEAR_LAST = re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?P<time> .*)?$")


def _written_date(value: str) -> str:
    """A date as text, with one space between day and time (others write a tab, two spaces,
    or a ``-``, which Pelican's dateutil reads in ``2019-12-01-19:48``) and ``-`` between
    year, month and day (others write ``2019/06/26``). A date with the year last is read
    when its day is plain (``23/01/2022``, as Jekyll's Ruby and Pelican's dateutil read
    it); ``01/02/2022``, 1 February to one and 2 January to the other, is not."""
    text = " ".join(value.split())
    if text[4:5] == "/" and text[:4].isdigit():
        day, _, time = text.partition(" ")
        text = (day.replace("/", "-") + " " + time).strip()
    if _DASH_BEFORE_TIME.match(text):
        day, _, time = text.rpartition("-")
        text = f"{day} {time}"
    slashed = _YEAR_LAST.match(text)
    if slashed and max(int(slashed["first"]), int(slashed["second"])) > 12:
        day, month = ((slashed["first"], slashed["second"]) if int(slashed["first"]) > 12
                      else (slashed["second"], slashed["first"]))
        text = f"{slashed['year']}-{month}-{day}{slashed['time'] or ''}"
    return text


_SEPT = re.compile(r"\bSept\b\.?", re.IGNORECASE)


def _named_month_date(text: str) -> dt.datetime | None:
    """``text`` read as a date with its month's name (see ``_NAMED_MONTH_FORMATS``), or as
    an e-mail's date ("Thu, 22 Nov 2018 10:30:00 +0000"); None if it is neither. The
    datetime is naive unless the text gives an offset."""
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    day, hour, minute, second = text, 0, 0, 0
    time = _TIME_AT_END.match(text)
    if time:
        day, hour, minute = time["day"], int(time["hour"]), int(time["minute"])
        second = int(time["second"] or 0)
    day = _SEPT.sub("Sep", day)  # (dateutil's "Sept 3, 2020", which strptime does not read)
    for written in _NAMED_MONTH_FORMATS:
        try:
            date = dt.datetime.strptime(day, written)
        except ValueError:
            continue
        try:
            return date.replace(hour=hour, minute=minute, second=second)
        except ValueError:
            return None
    return None


def _zone_of(offset: str | None, tz: ZoneInfo) -> dt.tzinfo:
    """The time zone of a date's ``offset`` (``Z``, ``+01:00``, ``-0500``; ``-300``, which
    Jekyll's Ruby reads as ``-03:00``: travisdowns' posts), else ``tz``."""
    if not offset:
        return tz
    if offset == "Z":
        return dt.UTC
    digits = offset[1:].replace(":", "")
    digits = "0" + digits if len(digits) == 3 else digits
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"time zone offset {offset!r} is out of range")
    delta = dt.timedelta(hours=hours, minutes=minutes)
    return dt.timezone(delta if offset[0] == "+" else -delta)


def _zone_and_half(parts: dict[str, str | None], value: str,
                   tz: ZoneInfo) -> tuple[dt.tzinfo, str]:
    """The time zone of the date ``value`` (its ``parts``: see ``_DATE``), ``tz`` if it
    names none; and its 12-hour clock's half (``am``, ``pm``: "10:00 PM", as Ruby and
    dateutil read it), or ''."""
    name = (parts["zone"] or "").lower()
    half = name if name in ("am", "pm") else ""
    if parts["offset"] or not name or half:
        return _zone_of(parts["offset"], tz), half
    return _named_zone(parts["zone"] or "", value), half


def _hour(hour: int, half: str, value: str) -> int:
    """The hour of a day's 24 of ``hour``, of a 12-hour clock's ``half`` (``am``, ``pm``)
    if it has one, in the date ``value``."""
    if not half:
        return hour
    if not 1 <= hour <= 12:
        raise ValueError(f"{_shown(value)} is not a real date (the hour of a 12-hour clock "
                         "is 1 to 12)")
    return hour % 12 + (12 if half == "pm" else 0)


def _named_zone(name: str, value: str) -> dt.tzinfo:
    """The time zone ``name`` after the time of the date ``value`` (``UTC``, ``EST``: see
    ``_ZONE_NAMES``); ``ValueError`` for another name."""
    hours = _ZONE_NAMES.get(name.lower())
    if hours is None:
        raise ValueError(f"{_shown(value)} is not a date: its time zone {name!r} is not one "
                         "known by name (write an offset, as +01:00)")
    return dt.UTC if not hours else dt.timezone(dt.timedelta(hours=hours))


def parse_date(value: Any, tz: ZoneInfo) -> dt.datetime:
    """Turn a front matter date (text, date or datetime) into an aware datetime in ``tz``.

    Raises ``ValueError`` with a readable reason when it is not a real date.
    """
    if isinstance(value, dt.datetime):
        try:
            return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
        except OverflowError:
            raise ValueError(f"{_shown(value)} is out of the range of dates") from None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if value is None:
        raise ValueError("it is empty")
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} is not a date")
    match = _DATE.match(_written_date(value))
    if not match:
        named = _named_month_date(_written_date(value))
        if named is None:
            raise ValueError(f"{_shown(value)} is not a date")
        return parse_date(named, tz)
    parts = match.groupdict()
    zone, half = _zone_and_half(parts, value, tz)
    fraction = (parts["fraction"] or "0")[:6].ljust(6, "0")
    try:
        moment = dt.datetime(
            int(parts["year"]), int(parts["month"]), int(parts["day"]),
            _hour(int(parts["hour"] or 0), half, value),
            int(parts["minute"] or 0), int(parts["second"] or 0), int(fraction), tzinfo=zone,
        )
    except ValueError as error:
        raise ValueError(f"{_shown(value)} is not a real date ({error})") from None
    try:
        return moment.astimezone(tz)  # shown, sorted and archived in the site's time zone
    except OverflowError:
        raise ValueError(f"{_shown(value)} is out of the range of dates") from None


def _as_list(value: Any) -> list[Any] | None:
    """A list written as a list, or as one text: separated by semicolons if it has one
    (Pelican's "Lovelace, Ada; Babbage, Charles"), else by commas."""
    if isinstance(value, str):
        separator = ";" if ";" in value else ","
        return [part.strip() for part in value.split(separator) if part.strip()]
    if isinstance(value, list):
        return value
    return None


_REDIRECT_HINT = ("this page is published with its own text, not as a redirect: remove the "
                  "file and add its address to [redirects] in site.toml, \"/old/\" = "
                  "\"/new/\" (or = \"https://other.example/page\" for another site's page)")
_UNMAPPED = {
    "type": "put the file in content/posts/, content/docs/ or elsewhere for a page",
    "redirect_to": _REDIRECT_HINT,
    "redirect": _REDIRECT_HINT,  # (a Pelican theme's Redirect: with Template: redirect)
}
_ORIGINAL_NAMES = {"summary": ("description",),
                   "updated": ("lastmod", "modified", "last_modified", "last_modified_at"),
                   "category": ("categories",), "author": ("authors",),
                   "date": ("published", "publishdate"), "draft": ("published", "status"),
                   "url": ("permalink",), "aliases": ("redirect_from", "alias"),
                   "hidden": ("status",), "image": ("cover", "featured_image", "featuredimage",
                                                       "images")}
_SYNONYMS = (("description", "summary"), ("lastmod", "updated"), ("modified", "updated"),
             ("last_modified", "updated"), ("last_modified_at", "updated"),  # (jekyll-seo-tag's)
             ("permalink", "url"), ("redirect_from", "aliases"),
             ("author_name", "author"), ("excerpt", "summary"),
             ("cover", "image"),  # (Hugo themes' cover: {image: ...})
             ("featured_image", "image"),  # (Ananke's and other Hugo themes')
             ("featuredimage", "image"),  # (DoIt's, LoveIt's and FixIt's featuredImage)
             ("images", "image"),  # (Hugo's own: its first is the page's, for sharing)
             ("showtoc", "toc"),  # (PaperMod's ShowToc: false)
             ("nav_order", "weight"))  # (Just the Docs' place in the sidebar)
_SPACE_SEPARATED = re.compile(r"[,\s]+")
_DATE_SYNONYMS = ("lastmod", "modified", "last_modified", "last_modified_at", "published",
                  "publishdate")
# The fields that make Key: value lines at a body's top its metadata without a title or a
# date: this engine's, their synonyms and MkDocs' (see _split_header_lines).
_HEADER_FIELDS = frozenset({*KNOWN_FIELDS, *(synonym for synonym, _ in _SYNONYMS),
                            *FIELD_OTHER_NAMES, *_UNMAPPED, "authors", "categories", "hide",
                            "status", "search"})


def unknown_fields(meta: dict[str, Any], custom: tuple[str, ...]) -> list[str]:
    """The fields of ``meta`` (normalised: see :func:`normalize_fields`) that the engine
    does not read and the site did not declare in ``[front_matter] fields`` (``custom``)."""
    return [name for name in meta
            if name not in KNOWN_FIELDS and name not in custom and name not in _UNMAPPED
            and name not in ("expirydate", "categories", "lang")]  # (lang: the page's
    # language, and a translation's: see sitegen.entries.translations)


# Other generators' fields with no equivalent here, and what to do instead (a "did you
# mean" would mislead: Material's hide is no hidden).
_NO_EQUIVALENT = {
    "hide": "Material's hide has no equivalent: the docs' sidebar is always shown, and "
            "toc: false leaves out the page's contents",
    "nav_exclude": "Just the Docs' nav_exclude has no equivalent: every docs page is in the "
                   "sidebar; hidden: true leaves a post out of every list",
    "layout": "a layout of the old theme's (layout: post) has no use here: a page is laid "
              "out by its kind (a post, a page, a docs page); remove it, or write "
              "template: NAME for a template of templates/ of your own",
}


def unknown_field_hint(name: str, custom: tuple[str, ...]) -> str:
    """What an unknown field ``name`` probably meant, or how to declare it."""
    if name in _NO_EQUIVALENT:
        return _NO_EQUIVALENT[name]
    names = [*KNOWN_FIELDS, *(synonym for synonym, _ in _SYNONYMS), "categories", "authors",
             "published", "status", *custom]
    meant = did_you_mean(name, [known for known in names if known != name],
                         FIELD_OTHER_NAMES)  # (status: proposed is kept: see _map_status)
    declare = (f'if your templates read it, declare it in site.toml: [front_matter] fields = '
               f'["{name}"]')
    return f"{meant} ({declare})" if meant else declare


def _warning(warnings: list[AuthorError], path: Path, line: int | None, message: str,
             hint: str) -> None:
    """Add a warning (a non-fatal AuthorError) about ``path`` to ``warnings``."""
    warnings.append(AuthorError(path, message, line=line, hint=hint))


def normalize_fields(source: SplitSource, path: Path,
                     warnings: list[AuthorError]) -> dict[str, Any]:
    """Map other generators' field names onto ours: any case, and common synonyms.

    ``Title`` is ``title``; ``description`` is ``summary``; ``lastmod``/``modified`` are
    ``updated``; ``categories`` and ``authors`` give ``category`` and ``author``;
    ``published: false`` and ``status: draft`` mean ``draft: true``. What cannot be mapped
    is kept and reported in ``warnings``.
    """
    meta = _lowercase_keys(source, path, warnings)
    if source.header_lines:
        _without_jekyll_fields(meta, source, path, warnings)
        if "alias" in meta:  # (Pelican's pelican_alias plugin: its list, split at ",")
            meta.setdefault("aliases", meta.pop("alias"))
    _apply_synonyms(meta)
    _check_list_fields(meta, source, path)
    _map_categories(meta, source, path, warnings)
    _map_authors(meta, source, path, warnings)
    _map_published(meta, source, path)
    _map_hugo_dates(meta, source, path, warnings)
    _map_status(meta, source, path, warnings)
    _map_save_as(meta, source, path, warnings)
    _map_theme_tables(meta, source, path, warnings)
    for name, hint in _UNMAPPED.items():
        if name in meta:
            _warning(warnings, path, source.line_of(name), f"field '{name}' is not used here", hint)
    return meta


# Jekyll's fields that a Pelican article's header lines may hold (rtaibah's blog, moved
# from WordPress by way of Jekyll), which Pelican does not read.
_JEKYLL_ONLY_FIELDS = ("permalink", "categories")


def _without_jekyll_fields(meta: dict[str, Any], source: SplitSource, path: Path,
                           warnings: list[AuthorError]) -> None:
    """Leave out of ``meta``, header lines' fields, those of :data:`_JEKYLL_ONLY_FIELDS`,
    with a warning: Pelican places and files its articles without them."""
    for name in _JEKYLL_ONLY_FIELDS:
        if name in meta:
            del meta[name]
            _warning(warnings, path, source.line_of(name), f"field '{name}' is Jekyll's, not "
                     "read in Pelican's header lines: left out, as Pelican left it out",
                     "remove it; the article keeps the address and category Pelican gave it")


def _lowercase_keys(source: SplitSource, path: Path,
                    warnings: list[AuthorError]) -> dict[str, Any]:
    """The front matter with stripped, lowercased keys; a key set twice (in any case) keeps
    its last value and is reported in ``warnings``."""
    meta: dict[str, Any] = {}
    fields = _field_lines(source)
    for key, value in source.meta.items():
        name = str(key).strip().lower()
        if name in meta:  # (the same name in another case: the line that sets it so)
            line = next((number for number, written in fields if written == str(key)),
                        source.line_of(str(key)))
            _warning(warnings, path, line, f"field '{key}' is set twice",
                     "keep one of them; the last one is used")
        meta[name] = value
    for key, line in _repeated_fields(fields):
        _warning(warnings, path, line, f"field '{key}' is set twice",
                 "keep one of them; the last one is used")
    return meta


def _field_lines(source: SplitSource) -> list[tuple[int, str]]:
    """Each line that sets a field of ``source``'s front matter itself, and the field's name
    as written: not an indented line (a nested value, a text on several lines), nor a
    TOML table's."""
    found = []
    for number, line in enumerate(source.front_matter_lines, start=source.first_line):
        if line.startswith("["):  # (a TOML table: its keys are its own)
            break
        match = _FIELD_LINE.match(line)
        if match is not None:
            found.append((number, match.group(1)))
    return found


def _repeated_fields(fields: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """Each field of ``fields`` (see :func:`_field_lines`) set again under the very same
    name, with the line that sets it again (its parser keeps that last value and drops the
    first without a word)."""
    seen: set[str] = set()
    repeated = []
    for number, name in fields:
        if name in seen:
            repeated.append((name, number))
        seen.add(name)
    return repeated


def _apply_synonyms(meta: dict[str, Any]) -> None:
    """Rename the synonyms of ``_SYNONYMS`` (``description``, ``lastmod``...); the field's
    own name, or the first synonym found, wins."""
    for synonym, field in _SYNONYMS:
        if synonym in meta:
            value = meta.pop(synonym)
            meta.setdefault(field, value)


def _check_list_fields(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """Require ``categories`` and ``authors``, when set, to be a list, a text or empty."""
    for name in ("categories", "authors"):
        if name in meta and not isinstance(meta[name], (str, list)) and meta[name] is not None:
            raise AuthorError(path, f"'{name}' must be a list or a text, not {_shown(meta[name])}",
                              line=source.line_of(name), hint=f"write {name}: [first, second]")


def _split_terms(text: str, source: SplitSource) -> list[str]:
    """Terms written as one text: separated by semicolons or commas (Pelican's, by semicolons
    if there is one), else by spaces (Jekyll's, and Hugo's, which splits such a text into
    words), but in ``Key: value`` lines (Pelican's: ``Tags: particle physics`` is one)."""
    if ";" in text or "," in text or source.header_lines:
        return _as_list(text) or []
    return [part for part in _SPACE_SEPARATED.split(text) if part]


def _map_categories(meta: dict[str, Any], source: SplitSource, path: Path,
                    warnings: list[AuthorError]) -> None:
    """Give ``category`` the first entry of ``categories`` (unless it is set); ``categories``
    keeps them all, as texts, for Jekyll's ``:categories`` in URLs. A ``category`` written
    as a list (``category: [a, b]``) is read as ``categories``."""
    if isinstance(meta.get("category"), list) and "categories" not in meta:
        meta["categories"] = meta.pop("category")
    if "categories" in meta:
        categories = meta.pop("categories")
        if isinstance(categories, str):
            categories = _split_terms(categories, source)
        line = source.line_of("categories") or source.line_of("category")
        _keep_first(meta, "category", categories, line, path, warnings,
                    "a post has one category here; turn the others into tags (a URL's "
                    ":categories has them all)")
        if isinstance(categories, list) and categories:
            meta["categories"] = [str(category) for category in categories]


def _map_authors(meta: dict[str, Any], source: SplitSource, path: Path,
                 warnings: list[AuthorError]) -> None:
    """Replace ``authors`` by its first entry as ``author`` (unless that is set)."""
    author = meta.get("author")
    if isinstance(author, dict) and ("name" in author or "display_name" in author):
        meta["author"] = author.get("name", author.get("display_name"))  # (Blogger's and
        # Hugo themes' {name, uri}; jekyll-import's of WordPress, {display_name, login})
    line = source.line_of("authors")
    if isinstance(meta.get("author"), list):  # (Jekyll's and Hugo themes' list of authors)
        meta.setdefault("authors", meta.pop("author"))
        line = line or source.line_of("author")
    if "authors" in meta:
        authors = meta.pop("authors")
        authors = _as_list(authors) if isinstance(authors, str) else authors
        if isinstance(authors, list):
            unnamed = [author for author in authors
                       if isinstance(author, dict) and not isinstance(author.get("name"), str)]
            if unnamed:  # (crystal's books: authors as tables of a description and an image)
                _warning(warnings, path, line, f"{len(unnamed)} author(s) written as a table "
                         "without a 'name' are left out", "give each author a name: "
                         "- name: Ada Lovelace")
            authors = [author["name"] if isinstance(author, dict) else author
                       for author in authors if author not in unnamed]
        _keep_first(meta, "author", authors, line, path, warnings, "a post has one author here")
    _author_of_links(meta, source, path, warnings)
    _without_placeholder_author(meta, source, path, warnings)


def _without_placeholder_author(meta: dict[str, Any], source: SplitSource, path: Path,
                                warnings: list[AuthorError]) -> None:
    """Leave out an ``author`` that is a template's placeholder, a word in angle brackets
    (Chirpy's post template writes ``author: <author_id>``, a key of ``_data/authors.yml``
    that Chirpy finds in none and shows no name for), with a warning."""
    author = meta.get("author")
    if isinstance(author, str) and author.startswith("<") and author.endswith(">") \
            and "@" not in author and not any(mark in author[1:-1] for mark in "<> "):
        del meta["author"]
        _warning(warnings, path, source.line_of("author") or source.line_of("authors"),
                 f"'author: {author}' is a template's placeholder, not a name: left out (the "
                 "site's author is shown)", "write the author's name or key of "
                 "content/authors.yml, or remove the field")


# A Markdown link in an author's name: [Name](URL).
_AUTHOR_LINK = re.compile(r"\[([^\[\]]+)\]\(([^\s()]+)\)")


def _author_of_links(meta: dict[str, Any], source: SplitSource, path: Path,
                     warnings: list[AuthorError]) -> None:
    """An ``author`` written in Markdown with several links, or text around a link, which
    Docsy's byline renders (``[Patrice Chalin](https://github.com/chalin) ([CNCF](...)),
    for the [Docsy Steering Committee](...)``): its text, linked to its first link's
    address (as ``[text](address)``: see :func:`sitegen.assemble._find_author`), with a
    warning that names what is left out."""
    author = meta.get("author")
    if not isinstance(author, str) or "](" not in author:
        return
    links = list(_AUTHOR_LINK.finditer(author))
    if not links or (len(links) == 1 and links[0][0] == author.strip()):
        return
    text = " ".join(_AUTHOR_LINK.sub(lambda link: link[1], author).split())
    meta["author"] = f"[{text}]({links[0][2]})"
    _warning(warnings, path, source.line_of("author"), f"'author' is Markdown of "
             f"{len(links)} link(s) among text: shown as its text, {_shown(text)}, linked to "
             f"{links[0][2]} alone", "keep one link, author: \"[Name](https://...)\", or "
             "give the author's links in content/authors.yml")


def _map_published(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """Replace ``published``: a boolean is the opposite of ``draft``, a date is ``date``
    (neither overrides the field itself)."""
    if "published" in meta:
        published = meta.pop("published")
        if isinstance(published, bool):
            meta.setdefault("draft", not published)
        elif isinstance(published, (str, dt.date)):
            meta.setdefault("date", published)
        else:
            raise AuthorError(path, "'published' must be true, false or a date, not "
                              f"{_shown(published)}", line=source.line_of("published"),
                              hint="write published: false for a draft, or use 'date'")


def _map_hugo_dates(meta: dict[str, Any], source: SplitSource, path: Path,
                    warnings: list[AuthorError]) -> None:
    """Hugo's ``publishDate`` is the ``date`` (the post appears from then on);
    ``expiryDate`` is kept but reported in ``warnings``."""
    if "publishdate" in meta:
        meta["date"] = meta.pop("publishdate")
    if "expirydate" in meta:
        _warning(warnings, path, source.line_of("expirydate"), "'expiryDate' is not supported: "
                 "the page stays published after that date",
                 "remove the page, or set draft: true, when it should go")


def _map_save_as(meta: dict[str, Any], source: SplitSource, path: Path,
                 warnings: list[AuthorError]) -> None:
    """Pelican's ``save_as`` (the file written, ``about/index.html``) gives the ``url``
    (``/about/``) unless ``url`` is set; one that writes the home page is a warning."""
    save_as = meta.pop("save_as", None)
    if not isinstance(save_as, str) or not save_as.strip() or meta.get("url"):
        return
    url = "/" + save_as.strip().lstrip("/").removesuffix("index.html")
    is_home = path.parent.name == "content" and path.stem == "index"  # (content/index.md)
    if url == "/" and not is_home:
        _warning(warnings, path, source.line_of("save_as"), f"save_as {save_as!r} is not "
                 "used: the home page's text is content/index.md",
                 "move this text into content/index.md, or remove the field")
    elif url != "/":
        meta["url"] = url


def _map_theme_tables(meta: dict[str, Any], source: SplitSource, path: Path,
                      warnings: list[AuthorError]) -> None:
    """Fields that themes write as tables: ``toc: {enable: false}`` (LoveIt) is ``toc:
    false``, ``image: {path: ...}`` (Jekyll themes; Hugo's ``cover: {image: ...}``) is the
    image's path, and a list of images (Hugo's ``images``) its first; Hugo's ``headless:
    true`` (a page that is never published) is ``draft: true``, and so are its build
    options' pages not rendered (see :func:`_map_build_options`); the weight of a page's own
    ``menu`` entry is its ``weight``, when it has none."""
    toc = meta.get("toc")
    if isinstance(toc, dict):
        if isinstance(toc.get("enable"), bool):
            meta["toc"] = toc["enable"]
        else:
            del meta["toc"]
        if set(toc) - {"enable"}:
            _warning(warnings, path, source.line_of("toc"), "only 'enable' of the table 'toc' "
                     f"is read here; {', '.join(map(repr, sorted(set(toc) - {'enable'})))} "
                     "belong to another theme", "write toc: true or toc: false")
    elif isinstance(toc, str) and toc.strip().lower() not in ("true", "false"):
        del meta["toc"]  # (LSP's toc: specification-3-17-toc, a data file its theme reads)
        _warning(warnings, path, source.line_of("toc"), f"'toc' names {_shown(toc)}, "
                 "another theme's table of contents, which is not read here: left out",
                 "remove it; toc: false hides the page's own contents")
    image = meta.get("image")
    if isinstance(image, list):  # (Hugo's images: [a.png, b.png])
        image = meta["image"] = next((item for item in image if isinstance(item, str)), None)
        if image is None:
            del meta["image"]
    if isinstance(image, dict):
        found = next((image[key] for key in ("path", "src", "url", "image", "feature")
                      if isinstance(image.get(key), str)), None)
        if found is None:
            _warning(warnings, path, source.line_of("image"), "the table 'image' has no path "
                     f"(path: or src:), only {', '.join(map(repr, image))}: it is not used",
                     "write image: /images/photo.jpg for the page's image")
            del meta["image"]
        else:
            meta["image"] = found
    if meta.get("headless") is True:
        meta.pop("headless")
        meta.setdefault("draft", True)
    _map_build_options(meta)
    menu_weight = _menu_weight(meta.get("menu"))
    if menu_weight is not None and "weight" not in meta:
        meta["weight"] = menu_weight


def _map_build_options(meta: dict[str, Any]) -> None:
    """Hugo's build options, ``build`` or ``_build`` (``{render: never, list: never}``): a
    page Hugo does not render and gives no address (``never``) is a draft, never published;
    one it does not list is hidden. One it gives an address without rendering it (``link``:
    grpc's 18 placeholder pages of API references, which its host redirects) is published,
    so that links to it keep their address."""
    for key in ("_build", "build"):
        options = meta.get(key)
        if not isinstance(options, dict) or not {"render", "list"} & set(options):
            continue
        meta.pop(key)
        if str(options.get("render", "always")).lower() in ("never", "false"):
            meta.setdefault("draft", True)
        if str(options.get("list", "always")).lower() in ("never", "false"):
            meta.setdefault("hidden", True)


def _menu_weight(menu: Any) -> int | float | None:
    """The weight of a page's own menu entry (Hugo's ``menu: {main: {weight: 20}}``, by
    which the docs themes order their sidebars), if it has one."""
    entries = [entry for entry in menu.values() if isinstance(entry, dict)] \
        if isinstance(menu, dict) else []
    weights = [entry["weight"] for entry in entries if isinstance(entry.get("weight"), (int, float))
               and not isinstance(entry.get("weight"), bool)]
    return weights[0] if weights else None


def _map_status(meta: dict[str, Any], source: SplitSource, path: Path,
                warnings: list[AuthorError]) -> None:
    """Replace a text ``status`` of Pelican's: ``draft`` or ``skip`` mean ``draft: true``,
    ``hidden`` means ``hidden: true`` (unless those are set), ``published`` (or WordPress's
    ``publish``) nothing. Any
    other text is kept, a field of the site's own (XAPI's design docs' ``status:
    proposed``); and where front matter is not Pelican's header lines, ``draft`` is said
    in a warning, as a field of the site's own may mean another thing by it (those design
    docs, which Hugo published). An empty ``status`` is left out: published, as Pelican
    reads it (aceofgreens' 8 posts)."""
    status = meta.get("status")
    if "status" in meta and (status is None or (isinstance(status, str) and not status.strip())):
        del meta["status"]
        return
    if not isinstance(status, str) or status.strip().lower() not in (
            "draft", "skip", "hidden", "published", "publish"):  # (publish: WordPress's,
        # as jekyll-import writes it)
        return
    status = meta.pop("status").strip().lower()
    if status in ("draft", "skip"):
        meta.setdefault("draft", True)
        if not source.header_lines:
            _warning(warnings, path, source.line_of("status"), f"status: {status} makes this "
                     "page a draft, as Pelican reads it: not published",
                     "if it is a field of your own (a design's status), rename it, say "
                     "design_status, to publish the page; else write draft: true")
    elif status == "hidden":
        meta.setdefault("hidden", True)


def _keep_first(meta: dict[str, Any], field: str, values: Any, line: int | None, path: Path,
                warnings: list[AuthorError], hint: str) -> None:
    """A post has one category and one author here: keep the first, warn about the rest."""
    if isinstance(values, list) and values:
        meta.setdefault(field, str(values[0]))
        if len(values) > 1:
            _warning(warnings, path, line, f"only the first {field} ({_shown(values[0])}) is used",
                     hint)


def warn_template_tags(source: SplitSource, path: Path, warnings: list[AuthorError]) -> None:
    """Other generators' syntax stays as text (Liquid tags, Hugo shortcodes, directives,
    math...): a warning at each construct, a few per file (:func:`unsupported_syntax`)."""
    for line, message, hint in unsupported_syntax(source.body, source.body_line):
        _warning(warnings, path, line, message, hint)


def validate_meta(source: SplitSource, path: Path, tz: ZoneInfo,
                  warnings: list[AuthorError] | None = None) -> dict[str, Any]:
    """Check the known fields' types and normalise them; unknown fields are kept as they are.

    Fields are checked in a fixed order (text fields, title, slug, dates, booleans, tags,
    aliases, weight): of several problems, the first in that order is the one raised.
    The body is checked too: not nested too deeply to render (:func:`check_nesting`).
    """
    warnings = warnings if warnings is not None else []
    warnings.extend(source.notes)
    if source.opened_by_dashes:
        _warning(warnings, path, source.first_line - 1, "the front matter that '---' opens "
                 "is closed by a blank line: read as Key: value header lines, as "
                 "Python-Markdown's meta reads them", "close it with a line of '---' if it "
                 "is YAML; or take the '---' out (Pelican's header lines)")
    meta = normalize_fields(source, path, warnings)
    warn_template_tags(source, path, warnings)
    check_nesting(source.body, path, source.body_line)
    _summary_list_left_out(meta, source, path, warnings)
    _check_text_fields(meta, source, path)
    _summary_without_attribute_lists(meta, source, path, warnings)
    _summary_template_tags(meta, source, path, warnings)
    _summary_relative_links(meta, source, path, warnings)
    _check_title(meta, source, path)
    warnings.extend(_html_in_title(meta, source, path))
    _check_slug(meta, source, path, warnings)
    _parse_dates(meta, source, path, tz, warnings)
    _check_bools(meta, source, path, warnings)
    _check_tags(meta, source, path)
    _check_aliases(meta, source, path, warnings)
    _check_url(meta, source, path, warnings)
    _add_jekyll_html_addresses(meta, source)
    _check_weight(meta, source, path)
    return meta


def field_line(field_lines: dict[str, int], key: str) -> int | None:
    """The line of ``field_lines`` (each written field's line, by its name in lower case)
    that sets ``key`` under our name or, failing that, under the first of its original
    names that is set (``cover`` for ``image``)."""
    return next((field_lines[name] for name in (key, *_ORIGINAL_NAMES.get(key, ()))
                 if name in field_lines), None)


def _field_error(source: SplitSource, path: Path, key: str, message: str,
                 hint: str) -> AuthorError:
    """The error about field ``key``, at the line that sets it under our name or, failing
    that, under the first of its original names (``_ORIGINAL_NAMES``) that is set."""
    names = [key, *_ORIGINAL_NAMES.get(key, ())]
    line = next((n for name in names if (n := source.line_of(name)) is not None), None)
    return AuthorError(path, message, line=line, hint=hint)


def _summary_list_left_out(meta: dict[str, Any], source: SplitSource, path: Path,
                           warnings: list[AuthorError]) -> None:
    """A ``summary`` that is a list (dvhthomas' ``summary: [In which I learn ..., and how
    ...]``, its commas read as a list's; ``summary: []``), which Hugo reads as no summary,
    is left out, with a warning: the page's first paragraph is its summary."""
    if isinstance(meta.get("summary"), list):
        _warning(warnings, path, source.line_of("summary"), f"'summary' is a list, "
                 f"{_shown(meta.pop('summary'))}, not text: left out (the first paragraph is "
                 "the summary)", 'remove it, or put the text in quotes: summary: "In which I ..."')


def _check_text_fields(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """Text fields hold stripped strings; one set to nothing (``null``) is removed."""
    for key in TEXT_FIELDS:
        if key in meta and meta[key] is not None:
            value = meta[key]
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)  # (title: 2024 is the text "2024": nothing is lost)
            if not isinstance(value, str):
                raise _field_error(
                    source, path, key,
                    f"'{key}' must be text, not {type(value).__name__} {_shown(value)}"
                    + _yaml_pitfall(value),
                    f'put the value in quotes: {key}: "..."',
                )
            meta[key] = value.strip()
        elif key in meta:
            del meta[key]


# An attribute list of kramdown or Python-Markdown, {:target="_blank"} or {: .class }.
_ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]*\}")


def _summary_without_attribute_lists(meta: dict[str, Any], source: SplitSource, path: Path,
                                     warnings: list[AuthorError]) -> None:
    """A ``summary`` with its attribute lists (``[x](y){:target="_blank"}``) taken out, with
    a warning: a summary is metadata, rendered without attributes (it could set any)."""
    summary = meta.get("summary")
    if not isinstance(summary, str) or "{:" not in summary:
        return
    found = _ATTRIBUTE_LIST.search(summary)
    if found is not None:
        meta["summary"] = _ATTRIBUTE_LIST.sub("", summary).strip()
        _warning(warnings, path, source.line_of("summary"), f"the summary's attribute list "
                 f"{found[0]!r} is left out: a summary takes no attributes",
                 "remove it from the summary")


def _summary_template_tags(meta: dict[str, Any], source: SplitSource, path: Path,
                           warnings: list[AuthorError]) -> None:
    """A warning for each template tag a ``summary`` shows as text, at its line, as for the
    body's (aegis4048's ``Summary: {% notebook x.ipynb cells[1:2] %}`` on every list)."""
    summary = meta.get("summary")
    if isinstance(summary, str) and "{" in summary:
        for _, message, hint in unsupported_syntax(summary):
            _warning(warnings, path, source.line_of("summary"), f"summary: {message}",
                     hint if hint != PARAM_HINT else "write the value itself: as in Hugo, "
                     "which runs no shortcode in front matter, a summary's is not replaced")


def _summary_relative_links(meta: dict[str, Any], source: SplitSource, path: Path,
                            warnings: list[AuthorError]) -> None:
    """A warning for a ``summary`` that links by a relative address (PyCon Taiwan's
    ``![..](images/2023/x.jpg)``): the lists that show it are at other addresses than the
    page (``/page/2/``, ``/tags/x/``), where it names no file, and it is not rewritten as
    the body's links are."""
    summary = meta.get("summary")
    if not isinstance(summary, str) or "](" not in summary:
        return
    pelican = [found.group(1) for found in _SUMMARY_LINK.finditer(summary) if found.group(1)
               .startswith(("{filename}", "{static}", "|filename|", "|static|"))]
    if pelican:  # (one warning for them all: tkm's 16 in one summary)
        more = f" (and {len(pelican) - 1} more)" if len(pelican) > 1 else ""
        _warning(warnings, path, source.line_of("summary"), f"summary: the link "
                 f"{_shown(pelican[0])}{more} is not read: a summary's links are written as "
                 "they are", "write the page's address from the site's root, /posts/x/")
    for found in _SUMMARY_LINK.finditer(summary):
        address = found.group(1)
        if address in pelican:
            continue
        if not address.startswith(("/", "#", "http://", "https://", "mailto:", "data:")):
            _warning(warnings, path, source.line_of("summary"), f"summary: the link "
                     f"{_shown(address)} is relative: the lists that show the summary are at "
                     "other addresses, where it names nothing",
                     "write it from the site's root, /images/x.png, or as a full address")
            return


_SUMMARY_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)")  # (a link's or an image's address)


def _check_title(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """A ``title``, when set, is not empty."""
    if "title" in meta and not meta["title"]:
        raise _field_error(source, path, "title", "'title' is empty",
                           "write a title, or remove the field to use the file name")


# The elements a title written for a theme that shows it as HTML may hold (MkDocs' nav:
# 'The &nbsp<samp>pihole</samp>&nbsp Command').
_TITLE_ELEMENTS = frozenset({"a", "abbr", "b", "br", "code", "em", "i", "img", "kbd", "mark",
                             "samp", "small", "span", "strong", "sub", "sup", "u", "var"})


def _html_in_title(meta: dict[str, Any], source: SplitSource, path: Path) -> list[AuthorError]:
    """A warning for a ``title`` holding HTML elements: a title is text here, shown (and
    escaped) as it is written, in the page, the lists, the feeds and the search."""
    title = meta.get("title")
    if not isinstance(title, str) or "<" not in title:
        return []
    names = [tag.name for tag in start_tags(title, skip_code=False) if tag.name in _TITLE_ELEMENTS]
    if not names:
        return []
    return [AuthorError(path, f"the title holds HTML (<{names[0]}>), which is shown as "
                              "written: a title is text here", line=source.line_of("title"),
                        hint="write it without the tags (and &nbsp; as a space)")]


def _check_slug(meta: dict[str, Any], source: SplitSource, path: Path,
                warnings: list[AuthorError]) -> None:
    """A ``slug``, when set, is a non-empty URL path: no ``\\``, ``..`` or empty segment
    (``speaker/ada``, Pelican's page at ``/speaker/ada.html``, is a page's path; a post
    leaves such a slug out: see :func:`sitegen.entries.load_entry`). One set to nothing
    (Pelican's ``Slug:`` with no value) is left out, as Pelican leaves it; so is ``.``,
    Pelican's page at the site's root (``PAGE_SAVE_AS = '{slug}/index.html'``), with a
    warning outside ``content/index.md``, the home page's text here."""
    if "slug" in meta and meta["slug"] in ("", None):
        del meta["slug"]
    if isinstance(meta.get("slug"), str) and meta["slug"].endswith("/"):
        meta["slug"] = meta["slug"].rstrip("/") or None  # (Hugo's goreleaser-snap-travis/)
        if meta["slug"] is None:
            del meta["slug"]
    if meta.get("slug") == ".":
        del meta["slug"]
        if not (path.parent.name == "content" and path.stem == "index"):
            _warning(warnings, path, source.line_of("slug"), "slug '.' (a page at the site's "
                     "root, as Pelican writes it) is not used: the home page's text is "
                     "content/index.md", "move this text into content/index.md")
    if isinstance(meta.get("slug"), str) and "/" in meta["slug"]:
        meta["slug"] = meta["slug"].strip("/")  # (speaker/ada: its segments)
    if "slug" in meta:
        slug = meta["slug"]
        if not slug or "\\" in slug or ".." in slug or any(
                part in ("", ".") for part in slug.split("/")):
            raise _field_error(source, path, "slug",
                               f"slug {_shown(slug)} must be a URL path without '\\', '..' or "
                               "empty segments", "use letters, digits and hyphens, e.g. "
                               "slug: my-post")


def _parse_dates(meta: dict[str, Any], source: SplitSource, path: Path, tz: ZoneInfo,
                 warnings: list[AuthorError]) -> None:
    """Date fields hold aware datetimes in the site's time zone ``tz``. A ``date`` that is
    not one, in a file whose name starts with a date, is a warning: the name's date is used,
    as Jekyll does."""
    if isinstance(meta.get("date"), dict):  # MkDocs Material's blog: {created, updated}
        dates = meta["date"]
        if dates.get("updated") is not None:
            meta.setdefault("updated", dates["updated"])
        meta["date"] = dates.get("created", dates)
    for key in DATE_FIELDS:  # (last_modified_at: with no value, as Jekyll reads it; Kueue's
        if meta.get(key) in (None, ""):  # date: with none, as Hugo reads it)
            meta.pop(key, None)
    for key in DATE_FIELDS:
        if key in meta:
            _year_alone(meta, key, source, path, warnings)
            try:
                meta[key] = parse_date(meta[key], tz)
            except ValueError as error:
                written = next((name for name in (key, *_ORIGINAL_NAMES.get(key, ()))
                                if source.line_of(name) is not None), key)
                if key == "date" and _DATE.match(path.stem.strip()[:10]):
                    _warning(warnings, path, source.line_of(key), f"'date': {error}; the "
                             f"file name's date, {path.stem.strip()[:10]}, is used",
                             "write dates as YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
                    del meta[key]
                    continue
                raise _field_error(source, path, key, f"'{written}': {error}",
                                   "write dates as YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or "
                                   "YYYY-MM-DDTHH:MM:SS+01:00") from None


def _year_alone(meta: dict[str, Any], key: str, source: SplitSource, path: Path,
                warnings: list[AuthorError]) -> None:
    """A date field of a year alone (rednafi's ``date: 2025``, a page of that year's posts,
    which Hugo read as 2,025 seconds after 1970) is 1 January of that year, with a warning."""
    value = meta[key]
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        meta[key] = f"{value}-01-01"
        _warning(warnings, path, source.line_of(key), f"'{key}': {value} is a year alone: "
                 f"read as 1 January {value}", f"write the day, {key}: {value}-01-01")


def _check_bools(meta: dict[str, Any], source: SplitSource, path: Path,
                 warnings: list[AuthorError]) -> None:
    """Boolean fields, when set, hold true or false; the text ``"true"`` or ``"false"`` (in
    quotes) is read as Hugo reads it (shapeshed's ``draft = "true"``), with a warning."""
    for key in BOOL_FIELDS:
        if key in meta and not isinstance(meta[key], bool):
            value = meta[key]
            hint = f"write {key}: true or {key}: false, without quotes"
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                meta[key] = value.strip().lower() == "true"
                _warning(warnings, path, source.line_of(key), f"'{key}' is the text "
                         f"{_shown(value)} (in quotes): read as {str(meta[key]).lower()}, as "
                         "Hugo reads it", hint)
                continue
            raise _field_error(source, path, key,
                               f"'{key}' must be true or false, not {_shown(value)}", hint)


def _is_tag(tag: Any) -> bool:
    """Whether ``tag`` can be a tag: a text or a whole number (booleans excluded)."""
    return isinstance(tag, (str, int)) and not isinstance(tag, bool)


def _check_tags(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """``tags``, when set, is a list of non-empty stripped texts (empty for ``null``)."""
    if "tags" in meta:
        tags = meta["tags"] if meta["tags"] is not None else []
        tags = _split_terms(tags, source) if isinstance(tags, str) else _as_list(tags)
        if tags is None or not all(_is_tag(tag) for tag in tags):
            number = next((tag for tag in tags or [] if isinstance(tag, float)), None)
            raise _field_error(source, path, "tags",
                               f"'tags' must be a list of words or a comma-separated text, "
                               f"not {_shown(meta['tags'])}"
                               + (f": YAML reads {number} as a number"
                                  if number is not None else ""),
                               f'write the number in quotes, tags: ["{number}"] (YAML reads '
                               '1.10 as 1.1)' if number is not None
                               else "write tags: [python, web] or tags: python, web")
        # (a tag written twice, or in two spellings of one slug, is listed once, as Pelican
        # lists it)
        kept: dict[str, str] = {}
        for text in (str(tag).strip() for tag in tags):
            if text:
                kept.setdefault(slugify(text) or text, text)
        meta["tags"] = list(kept.values())


def _control_character(text: str) -> str | None:
    """The first C0 or C1 control character, DEL, or other character that XML 1.0 refuses
    in ``text``, if any."""
    return next((c for c in text if c < " " or "\x7f" <= c <= "\x9f"), None) or \
        forbidden_character(text)


def _alias_problem(alias: str) -> tuple[str, str] | None:
    """What is wrong with ``alias`` as a path of this site, and how to write it instead;
    None when it is one: from the site's root, with no empty, ``.`` or ``..`` segment, no
    percent-encoding, backslash, control character, query or fragment, outside
    ``/pagefind/`` (the search index's folder, which every build writes anew)."""
    same_site = "write the old URL's path on this site, e.g. /old/url/"
    if not alias.startswith("/"):
        return "does not start with '/'", same_site
    if alias.startswith("//"):
        return "starts with '//', which browsers read as another site's address", same_site
    if "//" in alias:
        return "has an empty segment ('//')", "write one '/' between names"
    if (character := _control_character(alias)) is not None:
        return (f"contains the character {character_name(character)}",
                "remove it: a path holds visible characters")
    if "%" in alias:
        return ("is percent-encoded ('%'), which is not decoded here",
                "write the characters themselves, e.g. /café/ rather than /caf%C3%A9/")
    if "\\" in alias:
        return "contains a backslash", "write '/' between names"
    if "?" in alias or "#" in alias:
        return ("has a query or a fragment ('?' or '#')",
                "write the path alone: the redirect page answers every query")
    if ".." in alias or "/./" in alias or alias.endswith("/."):
        return "has a '.' or '..' segment, which browsers resolve to another path", same_site
    if is_hidden_file(alias):
        return HIDDEN_FILE
    if alias.split("/")[1].lower() == "pagefind":
        return ("is inside /pagefind/, the search index's folder",
                "give it another path: every build writes /pagefind/ anew")
    return None


HIDDEN_FILE = ("ends in a name that starts with '.', a hidden file (of no page)",
               "write the page's address, e.g. /blog/ or /blog.html rather than /blog/.html")


def is_hidden_file(path: str) -> bool:
    """Whether the site path ``path`` ends in a name that starts with a dot (``/blog/.html``,
    which names no page: a static host's hidden file, of no known type)."""
    return path.rsplit("/", 1)[-1].startswith(".")


def _percent_decoded(path: str) -> str:
    """``path`` with its percent-encoding decoded (``/es/a%C3%B1adir`` is ``/es/añadir``,
    the file a static host serves for that address), when it decodes to UTF-8 text with
    the same segments; else ``path`` as it is (and :func:`_alias_problem` names it)."""
    if "%" not in path:
        return path
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return path
    same_segments = decoded.count("/") == path.count("/") and "%" not in decoded
    return decoded if same_segments else path


def _check_aliases(meta: dict[str, Any], source: SplitSource, path: Path,
                   warnings: list[AuthorError]) -> None:
    """``aliases``, when set, is a list of site paths (a single text becomes a list of one,
    none a list of none). A text of several, written with commas (``a, b``: the data of a
    Jekyll site, where the field means nothing), is left out with a warning; but written as
    ``Alias:``, pelican_alias' field, it is split at its commas, as that plugin splits it."""
    if "aliases" in meta:
        aliases = _aliases_as_list(meta["aliases"], source, path, warnings)
        # Hugo's relative aliases (old-name, ../x/) are from the page's folder (see
        # page_aliases); Jekyll's relative redirect_from, from the root
        from_page = source.line_of("aliases") is not None
        if isinstance(aliases, list) and not from_page:
            aliases = [alias if not isinstance(alias, str) or alias.startswith("/")
                       or not alias.strip() else "/" + alias for alias in aliases]
        if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
            raise _field_error(source, path, "aliases",
                               f"'aliases' must be a list of site paths starting with '/', "
                               f"not {_shown(meta['aliases'])}",
                               "write aliases: [/old/url/]")
        aliases = [_percent_decoded(alias) for alias in aliases]
        meta["aliases"] = _checked_aliases(
            aliases, meta["aliases"] if isinstance(meta["aliases"], list) else aliases,
            source, path, warnings)


def _aliases_as_list(aliases: Any, source: SplitSource, path: Path,
                     warnings: list[AuthorError]) -> Any:
    """``aliases`` as written, a text made a list (see :func:`_check_aliases`)."""
    if aliases is None:
        return []
    if isinstance(aliases, str) and source.header_lines and source.line_of("alias") is not None:
        return [alias.strip() for alias in aliases.split(",") if alias.strip()]
    if isinstance(aliases, str) and ", " in aliases:
        warnings.append(_field_error(
            source, path, "aliases", f"aliases {_shown(aliases)} is a text of several "
            "names, not a list of old URLs: left out",
            "write a list, aliases: [/old/url/, /older/]; or, if your templates read "
            "the field as data, give it another name"))
        return []
    return [aliases] if isinstance(aliases, str) else aliases


def _checked_aliases(aliases: list[str], written: list[Any], source: SplitSource, path: Path,
                     warnings: list[AuthorError]) -> list[str]:
    """``aliases`` (as ``written``), each checked (see :func:`_alias_problem`), but for those
    with a fragment, which are left out with a warning."""
    kept = []
    for alias, as_written in zip(aliases, written, strict=True):
        if ("#" in alias or "?" in alias) \
                and _alias_problem(alias.partition("#")[0].partition("?")[0]) is None:
            _fragment_alias_left_out(alias, str(as_written), source, path, warnings)
            continue
        kept.append(alias)
        if alias.strip() and not alias.startswith("/"):
            continue  # (checked once it is resolved: see page_aliases)
        _check_alias(alias, str(as_written), source, path)
    return kept


def _fragment_alias_left_out(alias: str, written: str, source: SplitSource, path: Path,
                             warnings: list[AuthorError]) -> None:
    """A warning for an alias with a fragment (OpenSearch's
    ``/dashboards/#discover-and-dashboard-search-bar``) or a query (staeiou's WordPress
    ``/wordpress/?p=5``), which is left out: a browser never sends a fragment, a static host
    serves one file whatever the query, so no redirect could answer it (Jekyll's wrote a
    file named ``?p=5.html``, which none did either)."""
    part = "a fragment ('#'), which a browser never sends" if "#" in alias.partition("?")[0] \
        else "a query ('?'), which a static host does not tell apart"
    alone = alias.partition("#")[0].partition("?")[0]
    warnings.append(AuthorError(
        path, f"alias {_shown(alias)} has {part}: no redirect can answer it, and it is left "
        "out", line=_alias_line(source, written),
        hint=f"remove it (a redirect answers the path alone, {alone})"))


def _alias_line(source: SplitSource, written: str) -> int | None:
    """The line of the alias ``written`` (under ``aliases``, Jekyll's ``redirect_from`` or
    pelican_alias' ``Alias``)."""
    key = next((name for name in ("aliases", "redirect_from", "alias")
                if source.line_of(name) is not None), "aliases")
    return source.line_of_item(key, written)


def _check_alias(alias: str, written: str, source: SplitSource, path: Path) -> None:
    found = _alias_problem(alias)
    if found:
        raise AuthorError(path, f"alias {_shown(alias)} {found[0]}", hint=found[1],
                          line=_alias_line(source, written))


def page_aliases(aliases: list[str], url: str, source: SplitSource, path: Path) -> list[str]:
    """``aliases`` (checked by :func:`validate_meta`) as site paths: a relative one, as Hugo
    reads it since 0.55, from the folder of the page's ``url`` (``old-name`` of
    ``/posts/new-name/`` is ``/posts/old-name``, ``../x/`` is ``/x/``)."""
    resolved = []
    for alias in aliases:
        if alias.startswith("/") or not alias.strip():
            resolved.append(alias)
            continue
        folder = posixpath.dirname(url.rstrip("/")) or "/"
        found = posixpath.normpath(posixpath.join(folder, alias))
        found += "/" if alias.endswith("/") and found != "/" else ""
        _check_alias(found, alias, source, path)
        resolved.append(found)
    return resolved


def _check_url(meta: dict[str, Any], source: SplitSource, path: Path,
               warnings: list[AuthorError]) -> None:
    """``url`` (or ``permalink``), when set, is a site path: from the root (Pelican's
    ``pages/x.html`` is ``/pages/x.html``), which may hold placeholders (``/:year/:slug/``).
    Another site's address (github/explore's ``url: https://www.ruby-lang.org/``, data in
    Jekyll, where only ``permalink`` places a page; 2042ed's ``permalink: https://...``, of
    a post Material's blog published at its own) is left out, with a warning."""
    if meta.get("url") and is_external(meta["url"]):
        written = "url" if source.line_of("url") is not None else "permalink"
        warnings.append(_field_error(
            source, path, "url", f"{written} {_shown(meta['url'])} is another site's address, "
            "not this page's: left out (the page is published at its own URL)",
            "if your templates read the field as data (as a Jekyll site may), give it "
            "another name, such as link; a page's url is a path of this site, url: /ruby/"))
        del meta["url"]
    if meta.get("url"):
        url = _percent_decoded(meta["url"] if meta["url"].startswith("/") else "/" + meta["url"])
        url = "/" + _SLASHES.sub("/", url.lstrip("/"))  # (Jekyll's squeeze of staeiou's
        # /posts/2007/05/the-facticity-of-art//)
        found = _alias_problem(url)  # (simplystats' /2015/03/14/%cf%80-day-special/: π)
        if found:
            raise _field_error(source, path, "url", f"url {_shown(meta['url'])} {found[0]}",
                               found[1])
        meta["url"] = url


_SLASHES = re.compile("/{2,}")
_LONG_DASHES = re.compile("-{6,}")  # (a closing line of front matter, and a rule: see split_source)


def _is_extensionless(address: str) -> bool:
    """Whether the site path ``address`` ends in a name without an extension or a ``/``
    (``/settings``), and holds no placeholder."""
    return not address.endswith("/") and "." not in address.rsplit("/", 1)[-1] \
        and ":" not in address


def _add_jekyll_html_addresses(meta: dict[str, Any], source: SplitSource) -> None:
    """Add to the old addresses of a page the ``.html`` files Jekyll wrote for its
    ``permalink`` and its ``redirect_from`` addresses without an extension or a ``/``
    (``/settings`` is ``settings.html``, which GitHub Pages serves at both addresses): here
    such a page is a folder, ``/settings/``, and a link to ``/settings.html`` would lead
    nowhere (travisdowns' settings, LSP's ``/overview``)."""
    written = list(meta.get("aliases") or []) if source.line_of("redirect_from") else []
    if source.line_of("permalink") is not None and isinstance(meta.get("url"), str):
        written.append(meta["url"])
    added = [address + ".html" for address in written
             if isinstance(address, str) and address.startswith("/")
             and _is_extensionless(address)]
    if added:
        meta["aliases"] = list(dict.fromkeys([*(meta.get("aliases") or []), *added]))


def _check_weight(meta: dict[str, Any], source: SplitSource, path: Path) -> None:
    """``weight``, when set, is a number (booleans excluded); digits in text are that
    number, as Hugo reads them (``weight: 09``, which YAML 1.1 reads as text, no octal
    number holding a 9: the EKS Workshop's page; ``weight: "3"``). An empty one is none, as
    Jekyll reads it (simpleit's ``weight: # order in a category``)."""
    value = meta.get("weight")
    if value is None or (isinstance(value, str) and not value.strip()):
        meta.pop("weight", None)
        return
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii() \
            and len(value.strip()) <= 18:
        meta["weight"] = int(value)
    if "weight" in meta and (not isinstance(meta["weight"], (int, float))
                             or isinstance(meta["weight"], bool)):
        raise _field_error(source, path, "weight",
                           f"'weight' must be a number, not {_shown(meta['weight'])}",
                           "write weight: 10")

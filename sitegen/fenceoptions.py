"""The options after a code fence's language (``title``, ``linenums``, ``hl_lines``...):
which words the engine reads, and whether their values are valid."""
from __future__ import annotations

# (linenostart="45", codehilite's, is linenums="45")
# (``filename`` is Python-Markdown's fenced_code's, Pygments' own name of ``title``:
# Pelican's ``{ .python filename="tests/a.py" }``)
# (``tab``: pymdownx's old tabbed fences, see sitegen.tabfences)
FENCE_OPTIONS = ("title", "linenums", "hl_lines", "linenostart", "filename", "tab")


def info_words(info: str) -> list[str]:
    """The words of a fence's info string, a quoted value kept whole (``title="a b"``); a
    comma right after a quoted value parts words too (dreknix's ``linenums="1",hl_lines="2"``,
    which superfences reads as two)."""
    words: list[str] = []
    word, quote = "", ""
    for character in info:
        if quote:
            word += character
            quote = "" if character == quote else quote
        elif character == "," and word[-1:] in ("\"", "'") and "=" in word:
            words.append(word)
            word = ""
        elif character in " \t":
            words += [word] if word else []
            word = ""
        else:
            word += character
            quote = character if character in "\"'" else ""
    return words + ([word] if word else [])


_LINE_NUMBERS = ("linenostart", "linenostep", "linenospecial")


def line_numbers(value: str) -> dict[str, int] | None:
    """A fence's ``linenums="START [STEP [SPECIAL]]"`` as Pygments options (None if it is not
    one to three numbers; ``{}`` for ``"0"``, no numbers)."""
    numbers = value.split()
    if not 1 <= len(numbers) <= 3 or not all(number.isdigit() for number in numbers):
        return None
    if int(numbers[0]) == 0:
        return {}
    return {"linenos": True, **{name: int(number) for name, number in zip(
        _LINE_NUMBERS, numbers, strict=False) if name == "linenostart" or int(number) > 0}}


def highlighted_lines(value: str) -> list[int] | None:
    """A fence's ``hl_lines="2 4-6"`` as line numbers (None if it is not numbers and ranges)."""
    lines: list[int] = []
    for item in value.split():
        first, dash, last = item.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            return None
        if dash and int(last) - int(first) > 10_000:
            return None  # (a range that long is a typing mistake, not lines of one block)
        lines += range(int(first), int(last if dash else first) + 1)
    return lines


def fence_option_problem(key: str, value: str) -> str | None:
    """What is wrong with a code fence's option ``key="value"``: not an option read here,
    or a value not of its form; None for a valid option."""
    if key not in FENCE_OPTIONS:
        return "is not an option here"
    if (key == "linenums" and line_numbers(value) is None) \
            or (key == "linenostart" and not value.isdigit()) \
            or (key == "hl_lines" and highlighted_lines(value) is None):
        return "is not of the option's form"
    return None


def ignored_fence_words(info: str) -> list[tuple[str, str]]:
    """The words of a fence's info string (after its language) that are not a fence option
    read here (``title``, ``linenums``, ``hl_lines``, ``linenostart``, ``filename``) or not
    of its form, with what is wrong, unless it is an attribute list: they are ignored."""
    words = info_words(info.strip().strip("{}"))
    braces = info.lstrip().startswith("{")  # (superfences' { .lang key="value" })
    if not words or (not braces and any(word.startswith("{") for word in words)):
        return []
    found = []
    for word in words if braces else words[1:]:
        if braces and word.startswith((".", "#")):
            continue  # (the language, a class or an id)
        key, _, value = word.partition("=")
        problem = fence_option_problem(key, value.strip("\"'"))
        if problem is not None:
            found.append((word, problem))
    return found

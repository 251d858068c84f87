"""Lists every function longer than a limit (50 lines unless --max is given); `make lint` runs it.

A function's length is counted from its ``def`` line to its last line, docstring, comments and
blank lines included, decorators excluded; a nested function counts within the function around
it and on its own. Exits 1 when any function is too long, 0 otherwise.

    python tests/lint_lengths.py site.py sitegen
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def python_files(paths: list[Path]) -> Iterator[Path]:
    """The given files, and the ``.py`` files under the given folders, in order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            yield path


def qualified_functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, FunctionNode]]:
    """Every function and method of ``tree`` with its dotted name (``Class.method``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
            yield from qualified_functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from qualified_functions(node, f"{prefix}{node.name}.")
        else:
            yield from qualified_functions(node, prefix)


def too_long(path: Path, limit: int) -> Iterator[str]:
    """One line for each function of ``path`` longer than ``limit`` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for name, node in qualified_functions(tree):
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > limit:
            yield f"{path}:{node.lineno}: {name} is {length} lines long (limit {limit})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders to check")
    parser.add_argument("--max", type=int, default=50, help="longest allowed function, in lines")
    args = parser.parse_args(argv)
    problems = [line for path in python_files(args.paths) for line in too_long(path, args.max)]
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} function(s) longer than {args.max} lines.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Link a search shard's pages for Pagefind, then become Pagefind: a script of its own (run by
:func:`sitegen.earlysearch.start_waiting`; the build imports only :data:`LINKED`), so that the
build's process does not spend its time on the links before it loads the site.

    python -I -S shardlinks.py PARENT_PID LINKS PAGEFIND [PAGEFIND'S ARGUMENTS...]

``LINKS`` is a JSON file: ``{"from": folder, "to": folder, "pages": {path: [inode, size,
modification time in ns], ...}}``. Each page is hard-linked from ``from`` to ``to`` at the
same relative path, and must then be the very file the last build indexed (that stamp:
:func:`sitegen.hardlinks.link_same_files`). Once
all are, the script writes :data:`LINKED` to its standard output and becomes Pagefind; else
it exits with status 1, and the build indexes the shard itself.
The script dies with its parent (Linux's prctl: the setting survives the exec), and exits at
once if that parent is gone already. It imports only the standard library and
``sitegen.hardlinks``: it runs without the virtualenv's packages (``-S``), to start in a few
milliseconds.
"""
from __future__ import annotations

import json
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
LINKED = b"linked\n"  # (written at once: a pipe takes it whole)


def main(arguments: list[str]) -> int:
    """Link the pages ``arguments`` name (see the module's docstring), then exec Pagefind;
    return 1 if the pages cannot be linked as they were indexed."""
    import ctypes  # (here: the build's process, which imports LINKED, has no use for it)
    parent, links, command = int(arguments[0]), arguments[1], arguments[2:]
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        return 1
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from sitegen.hardlinks import link_same_files  # (-I: the engine is not on the path)
    try:
        with open(links, encoding="utf-8") as handle:
            job = json.load(handle)
        if not link_same_files(job["from"], job["to"], job["pages"]):
            return 1
    except OSError:
        return 1
    os.write(sys.stdout.fileno(), LINKED)
    os.execv(command[0], command)
    return 1  # (execv does not return)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

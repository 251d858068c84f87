"""Worker processes that never outlive the build that started them.

A forked worker asks Linux to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``),
which leaves two gaps that this module closes:

- The request is made in the worker, after the fork: a parent killed in between is never
  reported to it, and its worker would wait for work for ever. So the worker then checks
  that its parent is still the process that forked it (whose pid is recorded just before
  every fork) and exits if not. The gap is kept short too: libc is loaded here, in the
  parent, not looked up in each worker (``ctypes.util.find_library`` runs ``ldconfig``).
- The signal comes when the parent *thread* that forked the worker ends, not the process:
  a pool made in a thread that ends before it would lose its workers. Our pools are made
  and closed by the thread that uses them.

Children that are not forks of the build (Pagefind) set the signal themselves:
see :mod:`sitegen.search`.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal

_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None)  # the libc the interpreter is linked with
_prctl = getattr(_libc, "prctl", None)  # (None where there is no prctl: not Linux)
_forked_by = os.getpid()  # the process that forked this one (itself, if it was not forked)


def _record_parent() -> None:
    """Before a fork, in the parent: remember its pid, for the child to compare."""
    global _forked_by
    _forked_by = os.getpid()


os.register_at_fork(before=_record_parent)


def die_with_parent() -> None:
    """In a worker process: be killed when the parent dies, and exit at once if the parent
    that forked it has died already, so a build killed at any moment leaves no orphan
    processes behind. (Without prctl, not Linux, only the second holds; a worker that was
    spawned, not forked, cannot tell a parent that died before.)"""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL))
    if _forked_by != os.getpid() and os.getppid() != _forked_by:
        os._exit(1)  # the parent died before the signal was asked for


_malloc_trim = getattr(_libc, "malloc_trim", None)  # (glibc's; None elsewhere)


def release_free_memory(larger_than: int) -> None:
    """Give the memory the process has freed back to the system (glibc keeps it, and the
    processes forked afterwards count it too), if the process has been ``larger_than``
    bytes: after a load, whose passing work (the bodies as rendered before their links were
    rewritten) is as large as what it keeps. A smaller process keeps it: the pages given back
    are faulted in again as it allocates, which costs more time (5% of a 1,000-post build)
    than the memory is worth."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # (Linux: kilobytes)
    if _malloc_trim is not None and peak > larger_than:
        _malloc_trim(0)

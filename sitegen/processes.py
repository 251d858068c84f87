"""Worker processes that never outlive the build that started them."""
from __future__ import annotations

import ctypes
import ctypes.util
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a worker process: be killed when the parent dies (Linux's prctl), so a build killed
    mid-way leaves no orphan processes behind."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is not None:
        ctypes.CDLL(libc_name).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

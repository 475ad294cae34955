"""A guard against a PySide6 6.12 reference-count bug that kills Python 3.11 processes.

On Python 3.11, every call of a PySide6 6.12.0 method that returns nothing (``setBold``,
``insertText``, ``drawText``, …) takes one reference from ``None`` without giving it. Writing a
PDF makes thousands of such calls, and when ``None``'s count reaches zero the process aborts
("Fatal Python error: none_dealloc"), at the latest while the interpreter shuts down – the
command line's ``export --out plan.pdf`` ended with exit code 134 after writing the file.

The guard notes ``None``'s count when the writing starts and gives back what went missing each
time :meth:`settle` is called (after each goal and each page). Giving back a few references too
many is harmless: ``None`` is never freed. From Python 3.12 ``None`` is immortal and the guard
does nothing.
"""

from __future__ import annotations

import sys
import threading

_IMMORTAL_NONE = sys.version_info >= (3, 12)
_lock = threading.Lock()


class NoneRefs:
    def __init__(self) -> None:
        self.baseline = 0 if _IMMORTAL_NONE else sys.getrefcount(None)

    def settle(self) -> None:
        if _IMMORTAL_NONE:
            return
        import ctypes

        with _lock:
            missing = self.baseline - sys.getrefcount(None)
            if missing > 0:
                incref = ctypes.pythonapi.Py_IncRef
                incref.argtypes = [ctypes.py_object]
                incref.restype = None
                for _ in range(missing):
                    incref(None)

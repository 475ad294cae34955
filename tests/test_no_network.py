"""No network, ever: start-up, editing and both exports open no socket.

A child process runs the program under a Python audit hook that refuses every socket, name
lookup and URL; since Qt's native code is invisible to such a hook, the parent also watches the
child's open files (``/proc/<pid>/fd``) while it runs and at the end: no network socket.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHILD = ROOT / "tests" / "network_guard_child.py"

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the child's open files"
)


def _unix_socket_inodes(pid: int) -> set[str]:
    """Inodes of local (AF_UNIX) sockets: interprocess talk on this machine, not network."""
    try:
        lines = Path(f"/proc/{pid}/net/unix").read_text().splitlines()[1:]
    except OSError:
        return set()
    return {line.split()[6] for line in lines if len(line.split()) > 6}


def _sockets(pid: int) -> set[str]:
    """The socket inodes among the process's open files right now."""
    found = set()
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found


def test_start_editing_and_exports_open_no_network_socket(tmp_path: Path, cli) -> None:
    db = tmp_path / "udviklingsplan.db"
    example = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"
    assert cli("import", str(example), db=db).code == 0
    out = tmp_path / "ud"
    out.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdin is not None and proc.stdout is not None
    lines: list[str] = []
    done = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line == "done\n":
                done.set()
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen: set[str] = set()
    unix: set[str] = set()
    deadline = time.monotonic() + 120
    while not done.is_set() and proc.poll() is None and time.monotonic() < deadline:
        sockets = _sockets(proc.pid)
        if sockets - seen:
            seen |= sockets
            unix |= _unix_socket_inodes(proc.pid)
        time.sleep(0.005)
    assert done.wait(5), (lines, proc.communicate(timeout=30))
    seen |= _sockets(proc.pid)
    unix |= _unix_socket_inodes(proc.pid)
    reader.join()
    rest, errors = proc.communicate("\n", timeout=60)

    assert proc.returncode == 0, (rest, errors)
    assert rest.strip() == ""  # no refused event
    network = seen - unix
    assert not network, f"sockets that are not local: {sorted(network)}"
    # The run really did start, edit and export.
    assert (out / "plan.json").read_text(encoding="utf-8").count("Ny titel uden netværk") == 1
    assert (out / "plan.xlsx").read_bytes().startswith(b"PK")

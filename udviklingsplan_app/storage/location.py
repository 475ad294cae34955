"""Risky places for the database: network paths (refused) and cloud-synced folders (warned).

SQLite's write-ahead log keeps its index in shared memory, which works only between programs
on the same machine: on a network drive two laptops can damage the file. Sync programs such as
OneDrive copy the file while it changes and may make conflict copies. The checks are plain
string and path logic, so they are tested on any system.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PureWindowsPath

from ..errors import DatabaseProblem

#: File systems on another machine (Linux ``/proc/self/mountinfo`` names).
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "afs",
        "ncpfs",
        "coda",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
    }
)
CLOUD_ENV_VARS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# Folder names the sync programs use (compared without case).
_CLOUD_FOLDERS = {
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "mobile documents": "iCloud Drive",
}
DRIVE_REMOTE = 4


def _network_refusal(path: Path, where: str) -> DatabaseProblem:
    return DatabaseProblem(
        f"Databasen {path} ligger på {where}. Udviklingsplan gemmer kun på computerens egen "
        "disk: SQLite, som programmet gemmer med, kan ikke dele databasen sikkert over "
        "netværket, og filen kan blive beskadiget. Brug standardplaceringen (start programmet "
        "uden --db), og gem kopier på netværksdrevet med Filer → Sikkerhedskopi…"
    )


def is_unc(path: str) -> bool:
    r"""True for ``\\server\share\…`` and ``//server/share/…`` (not ``\\?\C:\…``)."""
    if not (path.startswith("\\\\") or path.startswith("//")):
        return False
    rest = path[2:].replace("\\", "/")
    if rest.startswith(("?/", "./")):
        # \\?\C:\… is a long local path; \\?\UNC\server\… is a network one.
        return rest[2:].upper().startswith("UNC/")
    return bool(rest.split("/", 1)[0])


def _mount_point(text: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as octal (\040 …).
    return (
        text.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def file_system_type(path: str, mountinfo: str) -> str | None:
    """The type of the file system holding the absolute POSIX ``path`` (longest mount point)."""
    best, best_type = -1, None
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        dash = fields.index("-")
        if dash < 5 or dash + 1 >= len(fields):
            continue
        mount = _mount_point(fields[4])
        inside = path == mount or path.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= best:
            best, best_type = len(mount), fields[dash + 1]
    return best_type


def _existing(path: Path) -> Path:
    """The path itself, or its nearest existing parent (a database may not exist yet)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def _windows_drive_is_remote(path: str) -> bool:
    drive = PureWindowsPath(path).drive
    if len(drive) != 2 or drive[1] != ":":
        return False
    import ctypes  # only on Windows, only when a database is opened

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return int(kernel32.GetDriveTypeW(drive + "\\")) == DRIVE_REMOTE


def _read_mountinfo() -> str | None:
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _cloud_service(path: str, env: Mapping[str, str]) -> str | None:
    windows = "\\" in path or PureWindowsPath(path).drive != ""
    pure: PurePath = PureWindowsPath(path) if windows else PurePath(path)
    folded = str(pure).casefold()
    for name in CLOUD_ENV_VARS:
        root = env.get(name, "").strip()
        if root:
            root_pure: PurePath = PureWindowsPath(root) if windows else PurePath(root)
            root_text = str(root_pure).casefold().rstrip("\\/")
            if folded == root_text or folded.startswith(root_text + ("\\" if windows else "/")):
                return "OneDrive"
    for part in pure.parts[:-1]:
        low = part.casefold()
        if low.startswith("onedrive"):
            return "OneDrive"
        if low in _CLOUD_FOLDERS:
            return _CLOUD_FOLDERS[low]
    return None


def check_location(
    db_path: Path,
    *,
    env: Mapping[str, str] | None = None,
    mountinfo: str | None = None,
    platform: str | None = None,
) -> str | None:
    """Refuse a database on a network path; warn about one in a cloud-synced folder.

    Raises :class:`DatabaseProblem` (Danish, with the way out) for a UNC path, a mapped network
    drive (Windows) or a network file system (Linux). Returns a Danish warning for a folder that
    OneDrive, Dropbox, Google Drive or iCloud synchronises, else ``None``. ``env``,
    ``mountinfo`` and ``platform`` are for tests.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    text = str(db_path)
    native = (os.name == "nt") == (platform == "win32")
    absolute = os.path.abspath(text) if native else text  # a test's foreign path: as given
    if is_unc(text):
        raise _network_refusal(db_path, "et netværksdrev")
    if platform == "win32":
        if is_unc(absolute):
            raise _network_refusal(db_path, "et netværksdrev")
        if os.name == "nt" and _windows_drive_is_remote(absolute):
            raise _network_refusal(db_path, "et netværksdrev")
    else:
        info = _read_mountinfo() if mountinfo is None else mountinfo
        if info:
            # A test's own mount table is matched against the path as given.
            real = text if mountinfo is not None else os.path.realpath(_existing(Path(absolute)))
            kind = file_system_type(real, info)
            if kind in NETWORK_FILE_SYSTEMS:
                raise _network_refusal(db_path, f"et netværksdrev ({kind})")
    service = _cloud_service(absolute, env)
    if service is None:
        return None
    return (
        f"Databasen ligger i en mappe, som {service} synkroniserer ({db_path.parent}). "
        f"{service} kan kopiere filen midt i en ændring og lave konfliktkopier, og så kan "
        "ændringer gå tabt. Det sikreste er standardplaceringen på computerens egen disk; brug "
        f"Filer → Sikkerhedskopi… til at gemme kopier i {service}."
    )

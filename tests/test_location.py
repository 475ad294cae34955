"""Risky places: a database on a network path is refused, one in a synced folder is warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

from udviklingsplan_app.errors import DatabaseProblem
from udviklingsplan_app.storage import close_db, init_db, location
from udviklingsplan_app.storage.database import open_reader
from udviklingsplan_app.storage.location import check_location, file_system_type, is_unc

MOUNTINFO = r"""22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:25 / /home rw,relatime shared:2 - ext4 /dev/sda2 rw
41 30 0:40 / /home/anne/Fælles\040drev rw,relatime shared:30 - cifs //fil01/faelles rw,vers=3.0
42 22 0:41 / /mnt/nfs rw,relatime shared:31 - nfs4 fil02:/export rw
43 42 0:42 / /mnt/nfs/lokal rw,relatime shared:32 - ext4 /dev/sdb1 rw
44 22 0:43 / /mnt/ssh rw,nosuid shared:33 - fuse.sshfs anne@host:/ rw
"""

LINUX = {"env": {}, "mountinfo": MOUNTINFO, "platform": "linux"}


@pytest.mark.parametrize(
    "path",
    [
        r"\\fil01\faelles\Udviklingsplan\udviklingsplan.db",
        "//fil01/faelles/udviklingsplan.db",
        r"\\?\UNC\fil01\faelles\udviklingsplan.db",
    ],
)
def test_a_unc_path_is_refused_with_the_way_out(path: str) -> None:
    assert is_unc(path)
    for platform in ("win32", "linux"):
        with pytest.raises(DatabaseProblem) as refused:
            check_location(Path(path), env={}, mountinfo="", platform=platform)
        message = str(refused.value)
        assert "netværksdrev" in message and "computerens egen disk" in message
        assert "standardplaceringen" in message


@pytest.mark.parametrize(
    "path", [r"C:\Users\anne\AppData\Local\Udviklingsplan\udviklingsplan.db", r"\\?\C:\plan.db"]
)
def test_a_local_windows_path_is_not_unc(path: str) -> None:
    assert not is_unc(path)
    assert check_location(Path(path), env={}, platform="win32") is None


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/anne/Fælles drev/plan.db", "cifs"),
        ("/home/anne/Fælles drev/undermappe/ny/plan.db", "cifs"),
        ("/mnt/nfs/plan.db", "nfs4"),
        ("/mnt/ssh/plan.db", "fuse.sshfs"),
    ],
)
def test_a_network_file_system_is_refused(path: str, kind: str) -> None:
    assert file_system_type(path, MOUNTINFO) == kind
    with pytest.raises(DatabaseProblem, match=kind.replace(".", r"\.")):
        check_location(Path(path), **LINUX)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/anne/plan.db", "ext4"),
        ("/home/anne/Fælles drevet/plan.db", "ext4"),  # a neighbour's name is not inside it
        ("/mnt/nfs/lokal/plan.db", "ext4"),  # the longest mount point wins
        ("/tmp/plan.db", "ext4"),
    ],
)
def test_a_local_file_system_is_accepted(path: str, kind: str) -> None:
    assert file_system_type(path, MOUNTINFO) == kind
    assert check_location(Path(path), **LINUX) is None  # type: ignore[arg-type]


def test_a_broken_mount_table_is_no_reason_to_refuse() -> None:
    garbage = "nonsense\n1 2 3\n - \n\x00"
    assert check_location(Path("/home/anne/plan.db"), env={}, mountinfo=garbage) is None


@pytest.mark.parametrize(
    ("path", "env", "service"),
    [
        (
            r"C:\Users\anne\OneDrive - Københavns Kommune\Dokumenter\plan.db",
            {"OneDriveCommercial": r"C:\Users\anne\OneDrive - Københavns Kommune"},
            "OneDrive",
        ),
        (r"C:\Users\anne\onedrive\plan.db", {}, "OneDrive"),
        (r"D:\Synk\plan.db", {"OneDrive": r"D:\Synk"}, "OneDrive"),
        (r"C:\Users\anne\Dropbox\Arbejde\plan.db", {}, "Dropbox"),
        (r"G:\My Drive\plan.db", {}, "Google Drive"),
        (r"C:\Users\anne\iCloudDrive\plan.db", {}, "iCloud Drive"),
    ],
)
def test_a_cloud_synced_folder_gets_a_calm_warning(
    path: str, env: dict[str, str], service: str
) -> None:
    warning = check_location(Path(path), env=env, platform="win32")
    assert warning is not None
    assert service in warning and "standardplaceringen" in warning
    assert "Sikkerhedskopi" in warning


def test_the_default_windows_location_gets_no_warning() -> None:
    env = {"OneDrive": r"C:\Users\anne\OneDrive", "LOCALAPPDATA": r"C:\Users\anne\AppData\Local"}
    path = Path(r"C:\Users\anne\AppData\Local\Udviklingsplan\udviklingsplan.db")
    assert check_location(path, env=env, platform="win32") is None
    # A folder that only starts like the synced one is not inside it.
    other = Path(r"C:\Users\anne\OneDriveArkiv\plan.db")
    assert check_location(other, env={"OneDrive": r"C:\Users\anne\OneDrive"}, platform="linux")
    assert check_location(Path("/home/anne/OneDrive/plan.db"), **LINUX) is not None  # type: ignore[arg-type]


def test_this_machines_temporary_folder_is_accepted(tmp_path: Path) -> None:
    assert check_location(tmp_path / "plan.db", env={}) is None


def test_opening_a_database_on_a_network_drive_is_refused_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n50 22 0:50 / {tmp_path} rw - cifs //s/d rw\n"
    monkeypatch.setattr(location, "_read_mountinfo", lambda: mounts)
    target = tmp_path / "ny" / "plan.db"
    with pytest.raises(DatabaseProblem, match="netværksdrev"):
        init_db(target)
    close_db()
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "plan.db"
    existing.write_bytes(b"")
    with pytest.raises(DatabaseProblem, match="netværksdrev"):
        open_reader(existing)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.db"] and existing.read_bytes() == b""


def test_the_command_line_refuses_a_network_path_with_exit_3(cli, tmp_path: Path) -> None:
    result = cli("list", db=Path("//fil01/faelles/udviklingsplan.db"))
    assert result.code == 3
    assert "netværksdrev" in result.err and "Traceback" not in result.err
    result = cli(
        "import",
        str(
            Path(__file__).resolve().parent.parent
            / "resources/examples/den-sociale-hjemmepleje.json"
        ),
        db=Path("//fil01/faelles/udviklingsplan.db"),
    )
    assert result.code == 3 and "netværksdrev" in result.err

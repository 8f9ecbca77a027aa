import hashlib
from pathlib import Path

import pytest

from services.ingest.storage import FileStore

pytestmark = pytest.mark.unit


def test_files_are_stored_by_content_in_sharded_folders(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    store.prepare()
    data = b"%PDF-1.7 resume bytes"
    sha = store.save(data)
    assert sha == hashlib.sha256(data).hexdigest()
    path = tmp_path / "files" / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert path.stat().st_mode & 0o077 == 0, "resume files must not be readable by other users"
    assert store.read(sha) == data
    # No temporary files are left beside it.
    assert [p.name for p in path.parent.iterdir()] == [sha]


def test_saving_the_same_content_twice_keeps_one_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    first = store.save(b"same")
    second = store.save(b"same")
    assert first == second
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1


def test_delete_reports_whether_a_file_was_there(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    sha = store.save(b"to delete")
    assert store.delete(sha) is True
    assert store.delete(sha) is False
    assert not store.exists(sha)
    with pytest.raises(FileNotFoundError):
        store.read(sha)


@pytest.mark.parametrize("name", ["../../etc/passwd", "ab/cd", "A" * 64, ""])
def test_only_digests_become_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="sha256"):
        FileStore(tmp_path).path_for(name)

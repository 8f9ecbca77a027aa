"""The bulk upload's event stream as a state machine, and the names it echoes back."""

from __future__ import annotations

import json
import uuid

import pytest

from services.ingest.bulk_form import client_filename
from services.ingest.bulk_progress import (
    BulkProgress,
    FileRejected,
    FileUploaded,
    Frame,
    IntakeFinished,
    ResumeFailedSeen,
    ResumeParsedSeen,
    ScoreSeen,
)

pytestmark = pytest.mark.unit

JOB = uuid.uuid4()


def _events(frames: list[Frame]) -> list[str]:
    return [frame.event for frame in frames]


def test_a_resume_goes_uploaded_parsed_scored_and_then_the_upload_is_finished() -> None:
    progress = BulkProgress(JOB)
    rid = uuid.uuid4()
    assert _events(progress.apply(FileUploaded(0, "a.pdf", rid, duplicate=False, status="pending"))) == ["uploaded"]
    assert not progress.apply(IntakeFinished())
    assert not progress.finished
    assert progress.awaiting_parse() == [rid]
    parsed = progress.apply(ResumeParsedSeen(rid, 7))
    assert parsed == [Frame("parsed", {"resume_id": str(rid), "skills_count": 7})]
    assert progress.awaiting_score() == [rid]
    assert not progress.apply(ScoreSeen(rid, uuid.uuid4(), 99.0)), "a score for another job is not ours"
    assert progress.apply(ScoreSeen(rid, JOB, 81.5)) == [
        Frame("scored", {"resume_id": str(rid), "job_id": str(JOB), "score": 81.5})
    ]
    assert not progress.apply(ScoreSeen(rid, JOB, 20.0)), "one score per resume"
    assert progress.finished
    done = progress.done()
    assert done.event == "done"
    assert done.data == {
        "uploaded": 1,
        "rejected": 0,
        "parsed": 1,
        "failed": 0,
        "scored": 1,
        "timed_out": False,
        "pending_parse": [],
        "pending_score": [],
    }


def test_events_that_overtake_the_upload_or_the_parse_wait_their_turn() -> None:
    progress = BulkProgress(JOB)
    rid = uuid.uuid4()
    assert not progress.apply(ScoreSeen(rid, JOB, 50.0))
    assert not progress.apply(ResumeParsedSeen(rid, 2))
    frames = progress.apply(FileUploaded(3, "b.docx", rid, duplicate=False, status="pending"))
    assert _events(frames) == ["uploaded", "parsed", "scored"]
    other = uuid.uuid4()
    progress.apply(FileUploaded(4, "c.txt", other, duplicate=False, status="pending"))
    assert not progress.apply(ScoreSeen(other, JOB, 10.0)), "not before its parse"
    assert _events(progress.apply(ResumeParsedSeen(other, 1))) == ["parsed", "scored"]


def test_failures_rejections_and_duplicates_end_without_a_score() -> None:
    progress = BulkProgress(JOB)
    failing, reused, old = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert _events(progress.apply(FileRejected(0, "x.png", "unsupported_file_type", "no"))) == ["rejected"]
    progress.apply(FileUploaded(1, "f.pdf", failing, duplicate=False, status="pending"))
    assert progress.apply(ResumeFailedSeen(failing, "corrupt", "the PDF is damaged")) == [
        Frame("failed", {"resume_id": str(failing), "code": "corrupt", "message": "the PDF is damaged"})
    ]
    assert not progress.apply(ResumeParsedSeen(failing, 3)), "an outcome is final"
    # A fresh resume reusing an earlier parse is parsed at once, and will be scored.
    assert _events(progress.apply(FileUploaded(2, "r.pdf", reused, duplicate=False, status="parsed"))) == [
        "uploaded",
        "parsed",
    ]
    # The caller's own earlier upload, parsed long ago: nothing more will come for it.
    assert _events(progress.apply(FileUploaded(3, "o.pdf", old, duplicate=True, status="parsed"))) == [
        "uploaded",
        "parsed",
    ]
    assert _events(progress.apply(FileUploaded(4, "o-again.pdf", old, duplicate=True, status="parsed"))) == ["uploaded"]
    progress.apply(IntakeFinished())
    assert progress.awaiting_score() == [reused]
    assert not progress.finished
    done = progress.done().data
    assert done["timed_out"] is True
    assert done["pending_score"] == [str(reused)]
    assert (done["uploaded"], done["rejected"], done["parsed"], done["failed"], done["scored"]) == (4, 1, 2, 1, 0)


def test_frames_are_server_sent_events() -> None:
    wire = Frame("parsed", {"resume_id": "r", "skills_count": 1}).encode().decode()
    assert wire.startswith("event: parsed\ndata: ")
    assert wire.endswith("\n\n")
    assert json.loads(wire.split("data: ", 1)[1]) == {"resume_id": "r", "skills_count": 1}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"cv.pdf", "cv.pdf"),
        (b"../../etc/passwd", "passwd"),
        (b"C:\\Users\\me\\My CV.docx", "My CV.docx"),
        ("Zoë Müller.pdf".encode(), "Zoë Müller.pdf"),
        (b"evil\r\nname\x00.txt", "evil  name .txt"),
        (b"", "unnamed"),
        (b"a" * 500, "a" * 200),
    ],
)
def test_client_file_names_are_echoed_only_when_safe(raw: bytes, shown: str) -> None:
    assert client_filename(raw) == shown

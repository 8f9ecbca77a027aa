"""What a bulk upload's event stream says, as a pure state machine over what happened to its files.

Updates come from two sides in any order: the intake (each file stored or rejected) and the bus
(parsed, failed, scored). An update about a resume the intake has not reported yet is held back
until it has, so a client always sees `uploaded` before anything else about a resume.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

ParseState = Literal["pending", "parsed", "failed"]


@dataclass(frozen=True)
class Frame:
    """One Server-Sent Event."""

    event: str
    data: dict[str, Any]

    def encode(self) -> bytes:
        """The event on the wire."""
        return f"event: {self.event}\ndata: {json.dumps(self.data, separators=(',', ':'))}\n\n".encode()


HEARTBEAT = b": keep-alive\n\n"


@dataclass(frozen=True)
class FileUploaded:
    """The intake stored a file as a resume (or found the caller's earlier upload of it)."""

    index: int
    filename: str
    resume_id: uuid.UUID
    duplicate: bool
    status: str
    skills_count: int = 0
    error_code: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class FileRejected:
    """The intake refused a file."""

    index: int
    filename: str
    code: str
    message: str


@dataclass(frozen=True)
class IntakeFinished:
    """Every file of the request was stored or rejected."""


@dataclass(frozen=True)
class ResumeParsedSeen:
    """A resume of this upload was parsed."""

    resume_id: uuid.UUID
    skills_count: int


@dataclass(frozen=True)
class ResumeFailedSeen:
    """A resume of this upload could not be parsed (or disappeared)."""

    resume_id: uuid.UUID
    code: str
    message: str


@dataclass(frozen=True)
class ScoreSeen:
    """The matcher scored a resume of this upload against the upload's job."""

    resume_id: uuid.UUID
    job_id: uuid.UUID
    score: float


Update = FileUploaded | FileRejected | IntakeFinished | ResumeParsedSeen | ResumeFailedSeen | ScoreSeen
_AboutResume = ResumeParsedSeen | ResumeFailedSeen | ScoreSeen


@dataclass
class _Resume:
    parse: ParseState = "pending"
    # A resume that was already parsed before this request is not scored again: nothing to wait for.
    expects_score: bool = True
    score: float | None = None
    score_sent: bool = False


@dataclass
class BulkProgress:
    """The state of one bulk upload's files and resumes, turning updates into frames."""

    job_id: uuid.UUID
    uploaded: int = 0
    rejected: int = 0
    intake_finished: bool = False
    resumes: dict[uuid.UUID, _Resume] = field(default_factory=dict)
    _held: dict[uuid.UUID, list[_AboutResume]] = field(default_factory=dict)

    def apply(self, update: Update) -> list[Frame]:
        """Take in one update; the frames to send for it (possibly none)."""
        if isinstance(update, FileUploaded):
            return self._uploaded(update)
        if isinstance(update, FileRejected):
            self.rejected += 1
            data = {"index": update.index, "filename": update.filename, "code": update.code, "message": update.message}
            return [Frame("rejected", data)]
        if isinstance(update, IntakeFinished):
            self.intake_finished = True
            return []
        if update.resume_id not in self.resumes:
            self._held.setdefault(update.resume_id, []).append(update)
            return []
        return self._about(update)

    def _uploaded(self, update: FileUploaded) -> list[Frame]:
        self.uploaded += 1
        frames = [
            Frame(
                "uploaded",
                {
                    "index": update.index,
                    "filename": update.filename,
                    "resume_id": str(update.resume_id),
                    "duplicate": update.duplicate,
                },
            )
        ]
        if update.resume_id in self.resumes:
            return frames  # the same file twice in one request: one resume
        state = self.resumes[update.resume_id] = _Resume()
        if update.status == "parsed":
            # A fresh resume reusing an earlier parse is announced (and scored) now; a duplicate was long ago.
            state.expects_score = not update.duplicate
            frames += self._about(ResumeParsedSeen(update.resume_id, update.skills_count))
        elif update.status == "failed":
            frames += self._about(
                ResumeFailedSeen(update.resume_id, update.error_code or "failed", update.error or "parsing failed")
            )
        for held in self._held.pop(update.resume_id, []):
            frames += self._about(held)
        return frames

    def _about(self, update: _AboutResume) -> list[Frame]:
        state = self.resumes[update.resume_id]
        rid = str(update.resume_id)
        if isinstance(update, ScoreSeen):
            if update.job_id != self.job_id or state.score is not None:
                return []
            state.score = update.score
            return self._score_frame(rid, state)
        if state.parse != "pending":
            return []
        if isinstance(update, ResumeFailedSeen):
            state.parse = "failed"
            return [Frame("failed", {"resume_id": rid, "code": update.code, "message": update.message})]
        state.parse = "parsed"
        return [
            Frame("parsed", {"resume_id": rid, "skills_count": update.skills_count}),
            *self._score_frame(rid, state),
        ]

    def _score_frame(self, rid: str, state: _Resume) -> list[Frame]:
        # A score can overtake its parse on the bus: it is sent once the parse has been.
        if state.score is None or state.score_sent or state.parse != "parsed":
            return []
        state.score_sent = True
        return [Frame("scored", {"resume_id": rid, "job_id": str(self.job_id), "score": state.score})]

    def awaiting_parse(self) -> list[uuid.UUID]:
        """Resumes whose parse outcome has not been seen."""
        return [rid for rid, state in self.resumes.items() if state.parse == "pending"]

    def awaiting_score(self) -> list[uuid.UUID]:
        """Parsed resumes whose score against the job has not been seen yet (and is expected)."""
        return [
            rid
            for rid, state in self.resumes.items()
            if state.parse == "parsed" and state.expects_score and not state.score_sent
        ]

    @property
    def finished(self) -> bool:
        """Whether there is nothing more to wait for."""
        return self.intake_finished and not self.awaiting_parse() and not self.awaiting_score()

    def done(self) -> Frame:
        """The closing frame: the counts, and what is still pending when the stream stops before the end."""
        states = self.resumes.values()
        return Frame(
            "done",
            {
                "uploaded": self.uploaded,
                "rejected": self.rejected,
                "parsed": sum(state.parse == "parsed" for state in states),
                "failed": sum(state.parse == "failed" for state in states),
                "scored": sum(state.score_sent for state in states),
                "timed_out": not self.finished,
                "pending_parse": [str(rid) for rid in self.awaiting_parse()],
                "pending_score": [str(rid) for rid in self.awaiting_score()],
            },
        )

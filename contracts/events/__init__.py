"""Every event, grouped by the service that publishes it."""

from contracts.events.identity import LoginFailed, UserAccessRevoked, UserDeleted, UserLoggedIn, UserRegistered
from contracts.events.ingest import ResumeDeleted, ResumeParsed, ResumeParseFailed, ResumeUploaded
from contracts.events.interviews import InterviewCompleted, InterviewScheduled
from contracts.events.jobs import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    JobAnalyzed,
    JobPosted,
    SwipeRecorded,
)
from contracts.events.matcher import MatchComputed

__all__ = [
    "ApplicationStatusChanged",
    "ApplicationSubmitted",
    "InterviewCompleted",
    "InterviewScheduled",
    "JobAnalyzed",
    "JobPosted",
    "LoginFailed",
    "MatchComputed",
    "ResumeDeleted",
    "ResumeParseFailed",
    "ResumeParsed",
    "ResumeUploaded",
    "SwipeRecorded",
    "UserAccessRevoked",
    "UserDeleted",
    "UserLoggedIn",
    "UserRegistered",
]

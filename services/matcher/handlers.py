"""What the matcher consumes: parsed resumes and analysed jobs (in batches), deleted users and resumes.

SwipeRecorded and ApplicationSubmitted (personalising the feed) are consumed in a later step.
"""

from __future__ import annotations

from contracts.events import JobAnalyzed, ResumeDeleted, ResumeParsed, UserDeleted
from services.matcher.erasure import erase_resume, erase_user
from services.matcher.matching import match_analyzed_jobs, match_parsed_resumes
from talentkit.bus import Subscription, per_event


def subscriptions(*, batch_size: int) -> tuple[Subscription, ...]:
    """The matcher's durable consumers; `batch_size` (from settings) events share one forward pass."""
    return (
        Subscription(
            name="resume-parsed",
            subjects=(ResumeParsed.subject,),
            handler=match_parsed_resumes,
            batch_size=batch_size,
        ),
        Subscription(
            name="job-analyzed",
            subjects=(JobAnalyzed.subject,),
            handler=match_analyzed_jobs,
            batch_size=batch_size,
        ),
        Subscription(name="user-deleted", subjects=(UserDeleted.subject,), handler=per_event(erase_user)),
        Subscription(name="resume-deleted", subjects=(ResumeDeleted.subject,), handler=per_event(erase_resume)),
    )

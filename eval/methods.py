"""The four ways of ranking a pool of resumes for a job: BM25, embedding cosine, their fusion, and the product.

Every method ranks ALL resumes of the pool for every job, as a recruiter's search over the whole pool
would. Resumes the product could not read have no text: every method ranks them last. Equal scores
are ordered by a hash of the resume id, which favours no kind of resume (ids may encode the
generator's order).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

from eval import product
from eval.embedding_cache import EmbedTexts
from eval.metrics import rrf_fuse
from services.matcher.domain import scoring

METHODS = ("bm25", "embedding", "rrf", "product")
Rankings = dict[str, list[str]]  # job id -> resume ids, best first

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class JobPosting:
    """A job as a recruiter writes it."""

    job_id: str
    title: str
    description: str

    @property
    def text(self) -> str:
        """The whole posting, the baselines' query (the same string the jobs service hands the matcher)."""
        return f"{self.title.strip()}\n\n{self.description.strip()}"


def tokenise(text: str) -> list[str]:
    """Lower-case words: the keyword baseline's simple tokenisation."""
    return _WORD.findall(text.lower())


def _tie_break(resume_id: str) -> str:
    return hashlib.sha256(resume_id.encode("utf-8")).hexdigest()


def rank_by_score(scores: Mapping[str, float], pool: Sequence[str]) -> list[str]:
    """`pool` ordered by descending score; resumes without a score last; ties by a neutral hash."""
    return sorted(pool, key=lambda rid: (rid not in scores, -scores.get(rid, 0.0), _tie_break(rid)))


def bm25_rankings(jobs: Sequence[JobPosting], texts: Mapping[str, str]) -> Rankings:
    """BM25 (Okapi) over each resume's extracted text, the posting's title and description as the query."""
    readable = [rid for rid, text in texts.items() if text]
    index = BM25Okapi([tokenise(texts[rid]) for rid in readable])
    rankings: Rankings = {}
    for job in jobs:
        scores = index.get_scores(tokenise(job.text))
        rankings[job.job_id] = rank_by_score(dict(zip(readable, map(float, scores), strict=True)), list(texts))
    return rankings


def cosine_rankings(
    job_texts: Mapping[str, str], resume_texts: Mapping[str, str], embed: EmbedTexts, pool: Sequence[str]
) -> tuple[Rankings, dict[str, dict[str, float]]]:
    """Rank resumes by the cosine of their embedded text to the job's; also the similarities themselves."""
    resume_ids = [rid for rid in pool if resume_texts.get(rid)]
    job_ids = list(job_texts)
    if not resume_ids or not job_ids:
        return {jid: list(pool) for jid in job_ids}, {jid: {} for jid in job_ids}
    resume_vectors = embed([resume_texts[rid] for rid in resume_ids])
    job_vectors = embed([job_texts[jid] for jid in job_ids])
    matrix = np.asarray(job_vectors, dtype=np.float64) @ np.asarray(resume_vectors, dtype=np.float64).T
    similarities = {jid: dict(zip(resume_ids, map(float, matrix[row]), strict=True)) for row, jid in enumerate(job_ids)}
    return {jid: rank_by_score(similarities[jid], pool) for jid in job_ids}, similarities


def rrf_rankings(first: Rankings, second: Rankings) -> Rankings:
    """Reciprocal-rank fusion of two methods' rankings, per job."""
    return {jid: rrf_fuse([first[jid], second[jid]]) for jid in first}


def product_scores(
    jobs: Sequence[JobPosting], resumes: Mapping[str, product.ProductResume], embed: EmbedTexts
) -> dict[str, dict[str, scoring.MatchScore]]:
    """The matcher's score of every (job, parsed resume) pair: job id -> resume id -> score."""
    payloads = {rid: resume.payload for rid, resume in resumes.items() if resume.payload is not None}
    job_payloads = {
        job.job_id: product.job_payload(job_id=job.job_id, title=job.title, description=job.description) for job in jobs
    }
    _, similarities = cosine_rankings(
        {jid: product.job_text(payload) for jid, payload in job_payloads.items()},
        {rid: product.resume_text(payload) for rid, payload in payloads.items()},
        embed,
        list(payloads),
    )
    candidates = {rid: product.candidate_profile(payload) for rid, payload in payloads.items()}
    scores: dict[str, dict[str, scoring.MatchScore]] = {}
    for jid, job_payload in job_payloads.items():
        requirements = product.job_requirements(job_payload)
        scores[jid] = {
            rid: product.score(requirements, candidate, semantic_similarity=similarities[jid][rid])
            for rid, candidate in candidates.items()
        }
    return scores


def product_rankings(
    jobs: Sequence[JobPosting], resumes: Mapping[str, product.ProductResume], embed: EmbedTexts
) -> Rankings:
    """The product's ranking: every parsed resume by its match score for the job, highest first."""
    return {
        jid: rank_by_score({rid: result.score for rid, result in by_resume.items()}, list(resumes))
        for jid, by_resume in product_scores(jobs, resumes, embed).items()
    }


def rank_everything(
    jobs: Sequence[JobPosting], resumes: Mapping[str, product.ProductResume], embed: EmbedTexts
) -> dict[str, Rankings]:
    """Every method's rankings of the whole pool for every job: method -> job id -> resume ids."""
    texts = {rid: resume.text for rid, resume in resumes.items()}
    pool = list(resumes)
    bm25 = bm25_rankings(jobs, texts)
    embedding, _ = cosine_rankings({job.job_id: job.text for job in jobs}, texts, embed, pool)
    return {
        "bm25": bm25,
        "embedding": embedding,
        "rrf": rrf_rankings(bm25, embedding),
        "product": product_rankings(jobs, resumes, embed),
    }

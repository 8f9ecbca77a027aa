"""End-to-end throughput: N resumes uploaded through the gateway until every MatchComputed is seen.

Starts the whole system on free ports (real NATS, PostgreSQL, all services), posts one job, uploads
N resume texts from the public Kaggle resume set concurrently, and watches JetStream for each
resume's MatchComputed against that job. Prints resumes/s and upload→scored latency percentiles.

    .venv/bin/python -m bench.e2e_upload --count 100 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import nats
from nats.aio.msg import Msg

from talentkit.testing.system import running_system

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "resume-categories" / "UpdatedResumeDataSet.csv"
JOB = (
    "Senior Python Developer\n\nRequirements:\n- 4+ years of Python, Django or Flask\n- SQL and PostgreSQL\n"
    "- REST APIs, Docker, AWS\n\nNice to have:\n- Machine Learning, Pandas\n"
)


def resume_texts(count: int) -> list[str]:
    """`count` real resume texts (cycled if the set is smaller)."""
    csv.field_size_limit(10**7)
    with DATA.open(encoding="utf-8", errors="replace") as handle:
        texts = [row["Resume"] for row in csv.DictReader(handle) if row["Resume"].strip()]
    return [texts[i % len(texts)] + f"\n\nref {uuid.uuid4().hex}" for i in range(count)]


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))]


async def run(base_url: str, nats_url: str, count: int, concurrency: int) -> dict[str, float]:
    """Upload and wait; return the measured figures."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        password = "bench-pass-2026"
        await client.post("/api/v1/auth/register", json={"email": email, "password": password, "role": "recruiter"})
        login = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        job = await client.post(
            "/api/v1/jobs", json={"title": "Senior Python Developer", "description": JOB}, headers=headers
        )
        job_id = job.json()["id"]
        while (await client.get(f"/api/v1/jobs/{job_id}", headers=headers)).json().get("status") != "open":
            await asyncio.sleep(0.2)

        nc = await nats.connect(nats_url)
        scored: dict[str, float] = {}
        all_scored = asyncio.Event()
        uploaded_at: dict[str, float] = {}

        async def on_match(msg: Msg) -> None:
            payload = json.loads(msg.data)["payload"]
            if payload["job_id"] == job_id and payload["resume_id"] not in scored:
                scored[payload["resume_id"]] = time.perf_counter()
                if len(scored) >= count and len(uploaded_at) >= count:
                    all_scored.set()

        await nc.subscribe("talent.match.computed.v1", cb=on_match)
        texts = resume_texts(count)
        gate = asyncio.Semaphore(concurrency)

        async def upload(text: str) -> None:
            async with gate:
                started = time.perf_counter()
                response = await client.post(
                    "/api/v1/resumes",
                    files={"file": ("resume.txt", text.encode(), "text/plain")},
                    data={"job_id": job_id},
                    headers=headers,
                )
                response.raise_for_status()
                uploaded_at[response.json()["id"]] = started

        began = time.perf_counter()
        await asyncio.gather(*(upload(text) for text in texts))
        if len(scored) < count:
            await asyncio.wait_for(all_scored.wait(), timeout=60 + count * 2)
        elapsed = time.perf_counter() - began
        await nc.close()
    latencies = [scored[rid] - uploaded_at[rid] for rid in uploaded_at if rid in scored]
    return {
        "resumes": float(count),
        "seconds": elapsed,
        "resumes_per_s": count / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000,
    }


def main() -> None:
    """Parse arguments, start the system, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tc-bench-") as tmp, running_system(Path(tmp)) as system:
        figures = asyncio.run(run(system.base_url, system.nats_url, args.count, args.concurrency))
    print(
        f"e2e upload→MatchComputed: {figures['resumes']:.0f} resumes in {figures['seconds']:.1f}s = "
        f"{figures['resumes_per_s']:.2f} resumes/s; latency p50 {figures['p50_ms']:.0f} ms, "
        f"p95 {figures['p95_ms']:.0f} ms, mean {figures['mean_ms']:.0f} ms "
        f"(concurrency {args.concurrency})"
    )


if __name__ == "__main__":
    main()

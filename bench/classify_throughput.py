"""`python -m bench.classify_throughput`: how fast titles are classified into occupational fields.

Prints titles per second of CPU time for distinct titles (the classifier caches compiled patterns,
not answers), and the time of one generic title with a long description.
"""

from __future__ import annotations

import argparse
import time

from contracts.occupations import classify_role

_TITLES = (
    "Registered Nurse",
    "Senior Backend Engineer",
    "Staff Accountant",
    "Software Engineer",
    "Front Office Supervisor",
    "Warehouse Associate",
    "UX Researcher",
    "Help Desk Technician II",
)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--titles", type=int, default=10_000)
    args = parser.parse_args()
    titles = [f"{_TITLES[index % len(_TITLES)]} {index}" for index in range(args.titles)]
    classify_role("warm up")
    started = time.process_time()
    for title in titles:
        classify_role(title)
    elapsed = time.process_time() - started
    print(f"classify_role: {len(titles)} titles in {elapsed:.2f} s CPU ({len(titles) / elapsed:,.0f} titles/s)")
    description = "Built React interfaces and Node services; deployed with Docker. " * 100
    started = time.process_time()
    classify_role("Engineer", description)
    print(
        f"generic title with a {len(description):,}-character description: {(time.process_time() - started) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()

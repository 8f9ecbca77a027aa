"""Skills that imply other skills, as data: PostgreSQL implies SQL, ACLS implies BLS, Epic implies EHR.

The vocabulary gives each skill the skills it directly implies (`implies: [SQL]`). What a set of
skills implies is the transitive closure of those edges, each implied skill credited to the skill of
the set that leads to it, so an explanation can say "SQL, from PostgreSQL" with a skill the person
actually has. The edges must name known skills and must not form a cycle: a cycle would say two
different skills are the same, which is what a synonym is for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def check_implications(implies: Mapping[str, tuple[str, ...]]) -> None:
    """Raise ValueError when an implication names an unknown skill, the skill itself, or closes a cycle."""
    for name, targets in implies.items():
        for target in targets:
            if target not in implies:
                raise ValueError(f"{name!r} implies {target!r}, which is not in the vocabulary")
            if target == name:
                raise ValueError(f"{name!r} implies itself")
    # Depth-first search with colours: reaching a skill still on the path is a cycle.
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in done:
            return
        if name in visiting:
            cycle = " -> ".join([*path[path.index(name) :], name])
            raise ValueError(f"implications form a cycle: {cycle}")
        visiting.add(name)
        for target in implies[name]:
            visit(target, [*path, name])
        visiting.discard(name)
        done.add(name)

    for name in implies:
        visit(name, [])


def implied_skills(implies: Mapping[str, tuple[str, ...]], skills: Iterable[str]) -> dict[str, str]:
    """Each skill implied by `skills` and not among them, mapped to the skill of `skills` that implies it.

    Deterministic: skills are taken in the order given and their implications breadth first, in the
    order the vocabulary lists them; the first skill to reach an implied skill is credited with it.
    Names the vocabulary does not know imply nothing.
    """
    given = list(dict.fromkeys(skills))
    held = set(given)
    found: dict[str, str] = {}
    for source in given:
        frontier = list(implies.get(source, ()))
        seen = {source}
        while frontier:
            following: list[str] = []
            for name in frontier:
                if name in seen:
                    continue
                seen.add(name)
                if name not in held:
                    found.setdefault(name, source)
                following.extend(implies.get(name, ()))
            frontier = following
    return found

"""How much experience in one field counts towards a job in another."""

from __future__ import annotations

from contracts.occupations.catalogue import default_catalogue

# When either field is unknown the years are neither trusted nor dismissed.
UNKNOWN_AFFINITY = 0.5


def field_affinity(job_field: str | None, role_field: str | None) -> float:
    """1.0 for the same field, the catalogue's weight for adjacent fields, 0.0 for unrelated ones.

    UNKNOWN_AFFINITY when either field is None or not a field of the catalogue (a stale id).
    """
    if job_field is None or role_field is None:
        return UNKNOWN_AFFINITY
    catalogue = default_catalogue()
    if job_field not in catalogue.labels or role_field not in catalogue.labels:
        return UNKNOWN_AFFINITY
    if job_field == role_field:
        return 1.0
    return catalogue.adjacency.get((job_field, role_field), 0.0)


def adjacent_fields(field: str) -> dict[str, float]:
    """The fields whose experience counts partly towards `field`, with their weights, strongest first."""
    return default_catalogue().neighbours(field)


def field_label(field: str) -> str:
    """The name explanations use for a field ("Backend software engineering"); the id itself if unknown."""
    return default_catalogue().labels.get(field, field)

"""Occupational fields: classify resume roles and jobs, and say how related two fields are.

The catalogue (`fields.yaml`) is data: per field a label, title phrases, skill cues and the fields
it is adjacent to. `classify_role` and `classify_job` are pure and deterministic.
"""

from contracts.occupations.affinity import UNKNOWN_AFFINITY, adjacent_fields, field_affinity, field_label
from contracts.occupations.catalogue import default_catalogue
from contracts.occupations.classify import classify_job, classify_role

FIELDS: tuple[str, ...] = default_catalogue().fields

__all__ = [
    "FIELDS",
    "UNKNOWN_AFFINITY",
    "adjacent_fields",
    "classify_job",
    "classify_role",
    "field_affinity",
    "field_label",
]

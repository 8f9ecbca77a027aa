"""job requirements beyond skills

`jobs` keeps everything the analysis reads for ranking: the years ceiling, the education asked for,
required licences and certifications, preferred certifications and the occupational field. Jobs
analysed before have none of them (no ceiling, no education, empty lists, no field): they are
described to the matcher exactly as they were.

Revision ID: 20261208_1200_job_requirements
Revises: 20261121_1200_forgotten_resumes
Create Date: 2026-12-08 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "20261208_1200_job_requirements"
down_revision: str | Sequence[str] | None = "20261121_1200_forgotten_resumes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPTY_LIST = sa.text("'[]'::jsonb")
_LISTS = ("required_licences", "required_certifications", "preferred_certifications")


def upgrade() -> None:
    op.add_column("jobs", sa.Column("max_years_experience", sa.Float(), nullable=True), schema="jobs")
    op.add_column("jobs", sa.Column("education", postgresql.JSONB(), nullable=True), schema="jobs")
    for name in _LISTS:
        op.add_column(
            "jobs", sa.Column(name, postgresql.JSONB(), server_default=_EMPTY_LIST, nullable=False), schema="jobs"
        )
    op.add_column("jobs", sa.Column("field", sa.String(length=50), nullable=True), schema="jobs")


def downgrade() -> None:
    op.drop_column("jobs", "field", schema="jobs")
    for name in reversed(_LISTS):
        op.drop_column("jobs", name, schema="jobs")
    op.drop_column("jobs", "education", schema="jobs")
    op.drop_column("jobs", "max_years_experience", schema="jobs")

"""candidate explanations and blind review

Scores keep the matched skills with their evidence, the multipliers, the unmet hard requirements and
the explanation MatchComputed carries, so the ranked candidates can show why; profiles keep the
uploaded file's name; a job may hide applicants' identities until shortlisting (blind review).

Revision ID: 20261208_1300_explanations
Revises: 20261208_1200_job_requirements
Create Date: 2026-12-08 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "20261208_1300_explanations"
down_revision: str | Sequence[str] | None = "20261208_1200_job_requirements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "jobs", sa.Column("blind_review", sa.Boolean(), server_default=sa.text("false"), nullable=False), schema="jobs"
    )
    op.add_column("candidate_profiles", sa.Column("file_name", sa.String(length=255), nullable=True), schema="jobs")
    op.add_column(
        "match_scores",
        sa.Column("matched", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False),
        schema="jobs",
    )
    op.add_column(
        "match_scores",
        sa.Column("factors", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        schema="jobs",
    )
    op.add_column(
        "match_scores",
        sa.Column("gates", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False),
        schema="jobs",
    )
    op.add_column("match_scores", sa.Column("explanation", postgresql.JSONB(), nullable=True), schema="jobs")


def downgrade() -> None:
    for name in ("explanation", "gates", "factors", "matched"):
        op.drop_column("match_scores", name, schema="jobs")
    op.drop_column("candidate_profiles", "file_name", schema="jobs")
    op.drop_column("jobs", "blind_review", schema="jobs")

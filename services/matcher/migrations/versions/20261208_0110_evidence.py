"""evidence-backed scoring

Resumes keep the evidence scoring reads (skills with their use, roles with fields, education,
credentials) and jobs everything they require, so a score can be recomputed from what it was computed
from; scores keep their multipliers, matched skills with evidence, unmet hard requirements and the
explanation in words. Rows from before default to empty: they score as they did until re-analysed.

Revision ID: 20261208_0110_evidence
Revises: 20261121_1201_erasures
Create Date: 2026-12-08 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "20261208_0110_evidence"
down_revision: str | Sequence[str] | None = "20261121_1201_erasures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPTY_OBJECT = sa.text("'{}'::jsonb")
_EMPTY_LIST = sa.text("'[]'::jsonb")


def upgrade() -> None:
    op.add_column(
        "resume_vectors",
        sa.Column("profile", postgresql.JSONB(), server_default=_EMPTY_OBJECT, nullable=False),
        schema="matcher",
    )
    op.add_column(
        "job_vectors",
        sa.Column("requirements", postgresql.JSONB(), server_default=_EMPTY_OBJECT, nullable=False),
        schema="matcher",
    )
    for name, default in (("factors", _EMPTY_OBJECT), ("matched", _EMPTY_LIST), ("gates", _EMPTY_LIST), ("details", _EMPTY_OBJECT)):
        op.add_column(
            "match_scores", sa.Column(name, postgresql.JSONB(), server_default=default, nullable=False), schema="matcher"
        )


def downgrade() -> None:
    for name in ("details", "gates", "matched", "factors"):
        op.drop_column("match_scores", name, schema="matcher")
    op.drop_column("job_vectors", "requirements", schema="matcher")
    op.drop_column("resume_vectors", "profile", schema="matcher")

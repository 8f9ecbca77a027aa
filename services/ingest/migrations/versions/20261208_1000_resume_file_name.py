"""resume file name

`resumes.file_name`: the name the file was uploaded with, carried in `ResumeUploaded` and
`ResumeParsed`. Rows uploaded before have none.

Revision ID: 20261208_1000_resume_file_name
Revises: 20261121_1119_llm_calls
Create Date: 2026-12-08 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261208_1000_resume_file_name"
down_revision: str | Sequence[str] | None = "20261121_1119_llm_calls"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("resumes", sa.Column("file_name", sa.String(length=255), nullable=True), schema="ingest")


def downgrade() -> None:
    op.drop_column("resumes", "file_name", schema="ingest")

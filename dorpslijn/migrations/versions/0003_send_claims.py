"""when a worker began sending an outbox message, so that the sweep can tell one whose worker
died from one still being sent

Revision ID: send_claims
Revises: privacy
"""
import sqlalchemy as sa
from alembic import op

import dorpslijn.db

revision = "send_claims"
down_revision = "privacy"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.add_column(sa.Column("claimed_at", dorpslijn.db.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.drop_column("claimed_at")

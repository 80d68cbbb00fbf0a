"""floods and loops: inbound messages held back unanswered, and the outbox counted per number
and per village by the time a message was made

Revision ID: floods
Revises: send_claims
"""
import sqlalchemy as sa
from alembic import op

revision = "floods"
down_revision = "send_claims"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("inbound_messages") as batch_op:
        batch_op.add_column(sa.Column("held_back", sa.String(length=8), nullable=True))
    op.create_index("ix_outbound_messages_to_created_at", "outbound_messages", ["to", "created_at"])
    op.create_index("ix_outbound_messages_village_id_created_at", "outbound_messages", ["village_id", "created_at"])


def downgrade():
    op.drop_index("ix_outbound_messages_village_id_created_at", table_name="outbound_messages")
    op.drop_index("ix_outbound_messages_to_created_at", table_name="outbound_messages")
    with op.batch_alter_table("inbound_messages") as batch_op:
        batch_op.drop_column("held_back")

"""wrote on: each resident keeps the channel of their last message, so that a message about an
order taken by phone (a delivery window, a closed door) goes where they write, as the
conversation's own messages do; filled from the conversations that heard from them

Revision ID: wrote_on
Revises: outbox_template
"""
import sqlalchemy as sa
from alembic import op

revision = "wrote_on"
down_revision = "outbox_template"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("residents") as batch_op:
        batch_op.add_column(sa.Column("wrote_on", sa.String(length=16), nullable=True))
    op.execute("""
        UPDATE residents SET wrote_on = (
            SELECT conversations.channel FROM conversations
            WHERE conversations.village_id = residents.village_id
              AND conversations.address IN (residents.phone, residents.telegram_chat_id)
              AND conversations.last_inbound_at IS NOT NULL
            ORDER BY conversations.last_inbound_at DESC LIMIT 1)
    """)


def downgrade():
    with op.batch_alter_table("residents") as batch_op:
        batch_op.drop_column("wrote_on")

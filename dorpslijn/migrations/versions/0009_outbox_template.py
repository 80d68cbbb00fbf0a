"""outbox template: each outbox row names the template that made it, so a message can be told
by what it is instead of by its words ("" for words a person typed)

Revision ID: outbox_template
Revises: counted_orders
"""
import sqlalchemy as sa
from alembic import op

revision = "outbox_template"
down_revision = "counted_orders"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.add_column(sa.Column("template", sa.String(length=64), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.drop_column("template")

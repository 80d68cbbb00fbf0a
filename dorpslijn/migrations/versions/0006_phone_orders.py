"""phone orders: an order a coordinator took on the phone remembers who took it

Revision ID: phone_orders
Revises: roles
"""
import sqlalchemy as sa
from alembic import op

revision = "phone_orders"
down_revision = "roles"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("orders") as batch_op:
        batch_op.add_column(sa.Column("taken_by_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("taken_by_id")

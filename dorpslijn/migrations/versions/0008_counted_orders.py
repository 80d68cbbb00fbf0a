"""counted orders: one index holds every column the board's figures count, so that a year of a
village's orders is counted from the index alone (the Cijfers page took 160-230 ms, mostly
reading the orders table)

Revision ID: counted_orders
Revises: learned
"""
from alembic import op

revision = "counted_orders"
down_revision = "learned"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_orders_counted", "orders",
                    ["village_id", "status", "delivery_date", "resident_id", "channel"])


def downgrade():
    op.drop_index("ix_orders_counted", table_name="orders")

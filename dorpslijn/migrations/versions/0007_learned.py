"""learned words: a village's own words for its products, taught by the coordinator

Revision ID: learned
Revises: phone_orders
"""
import sqlalchemy as sa
from alembic import op

from dorpslijn.db import UTCDateTime

revision = "learned"
down_revision = "phone_orders"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "learned_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("taught_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.ForeignKeyConstraint(["village_id"], ["villages.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("village_id", "word"),
    )
    op.create_index("ix_learned_words_village_id", "learned_words", ["village_id"])
    op.create_index("ix_learned_words_product_id", "learned_words", ["product_id"])


def downgrade():
    op.drop_index("ix_learned_words_product_id", table_name="learned_words")
    op.drop_index("ix_learned_words_village_id", table_name="learned_words")
    op.drop_table("learned_words")

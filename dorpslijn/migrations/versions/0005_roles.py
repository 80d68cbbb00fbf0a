"""roles: a dashboard account is a coordinator's, the board's (read-only) or a shopkeeper's,
bound to one shop; a product can be off for one day ("vandaag niet")

Revision ID: roles
Revises: floods
"""
import sqlalchemy as sa
from alembic import op

revision = "roles"
down_revision = "floods"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("coordinators") as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=False, server_default="coordinator"))
        batch_op.add_column(sa.Column("shop_pk", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_coordinators_shop_pk_shops"), "shops", ["shop_pk"], ["id"])
    with op.batch_alter_table("products") as batch_op:
        batch_op.add_column(sa.Column("unavailable_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("products") as batch_op:
        batch_op.drop_column("unavailable_on")
    with op.batch_alter_table("coordinators") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_coordinators_shop_pk_shops"), type_="foreignkey")
        batch_op.drop_column("shop_pk")
        batch_op.drop_column("role")

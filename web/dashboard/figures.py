"""Cijfers: the village's figures (orders/figures.py) as charts and tables, and each as CSV."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, render_template

from orders.calendar import TIMEZONE
from orders.figures import NAMES, figures
from web.context import db, settings
from web.dashboard.auth import village_id
from web.dashboard.charts import bar_chart

bp = Blueprint("figures", __name__, url_prefix="/figures")

TABLE_WEEKS = 13  # a quarter on the page; the CSV holds every week


@bp.get("/")
def index():
    """Every figure of the coordinator's village: a chart, the table, a link to its CSV."""
    found = _figures()
    charts = {name: bar_chart(f.rows, f.label, f.value) for name, f in found.items()}
    return render_template("dashboard/figures.html", figures=found, charts=charts,
                           tables={name: newest_weeks(f.rows) for name, f in found.items()}, weeks=TABLE_WEEKS)


def newest_weeks(rows: list[dict]) -> list[dict]:
    """The rows of the newest TABLE_WEEKS weeks (every row of a figure without weeks), as the page's table shows them."""
    weeks = sorted({row["week"] for row in rows if "week" in row})[-TABLE_WEEKS:]
    return [row for row in rows if "week" not in row or row["week"] in weeks]


@bp.get("/<name>.csv")
def export(name: str):
    """One figure's table as CSV, for a spreadsheet."""
    figure = _figures((name,)).get(name)
    if figure is None:
        abort(404)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=figure.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(figure.rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="dorpslijn-{name}.csv"'})


def _figures(names=NAMES):
    """The village's figures of these names as of today."""
    return figures(db(), village_id(), settings().now().astimezone(TIMEZONE).date(), names)

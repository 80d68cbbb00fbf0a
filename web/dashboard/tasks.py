"""The task list: everything that needs a person, oldest and most urgent first, with a done button."""
from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from sqlalchemy import func, select

from dorpslijn.db import utcnow
from orders import learning
from orders.models import Product, Resident, Task
from web.context import db
from web.dashboard.auth import current, own, village_id
from web.dashboard.editing import saving
from web.dashboard.formatting import web_address

logger = logging.getLogger(__name__)

bp = Blueprint("tasks", __name__)

# Kinds that may mean someone needs help now: shown above everything else.
URGENT = ("distress", "not_home")
RECENTLY_DONE = 20


@bp.get("/")
def index():
    """The open tasks, urgent ones first, then oldest first; below them what was done lately.

    The page reloads itself every two minutes only when the coordinator turned that on
    (`?refresh=on|off`, kept for the session): a page that reloads unasked loses a reader's place."""
    if request.args.get("refresh") in ("on", "off"):
        session["refresh_tasks"] = request.args["refresh"] == "on"
    open_tasks = db().scalars(select(Task).where(Task.village_id == village_id(), Task.done_at.is_(None))
                              .order_by(Task.created_at, Task.id)).all()
    open_tasks.sort(key=lambda task: task.kind not in URGENT)
    done = db().scalars(select(Task).where(Task.village_id == village_id(), Task.done_at.is_not(None))
                        .order_by(Task.done_at.desc()).limit(RECENTLY_DONE)).all()
    return render_template("dashboard/tasks.html", tasks=open_tasks, done=done, urgent=URGENT,
                           refresh=session.get("refresh_tasks", False),
                           residents=residents_by_phone([*open_tasks, *done]),
                           attachments={task.id: attachments(task) for task in open_tasks},
                           products=products() if any(t.kind == learning.KIND for t in open_tasks) else [])


def products() -> list[Product]:
    """The village's products on sale, to pick what an unclear word meant."""
    return db().scalars(select(Product).where(Product.village_id == village_id(), Product.active.is_(True))
                        .order_by(Product.name)).all()


def attachments(task: Task) -> list[dict]:
    """The recordings and photos a task points at, each with how to show it: audio, image or a link."""
    media = (task.details or {}).get("media") or ([{"url": task.url}] if task.url else [])
    shown = []
    for item in media:
        url = web_address(item.get("url", ""))
        kind = item.get("type", "").split("/")[0] or ("audio" if task.kind == "voice_message" else "link")
        if url:
            shown.append({"url": url, "kind": kind if kind in ("audio", "image") else "link"})
    return shown


def residents_by_phone(tasks) -> dict[str, Resident]:
    """The village's residents whose number a task names without naming the resident."""
    phones = {task.phone for task in tasks if task.resident is None and task.phone}
    if not phones:
        return {}
    return {r.phone: r for r in db().scalars(select(Resident).where(Resident.village_id == village_id(),
                                                                   Resident.phone.in_(phones)))}


@bp.post("/tasks/<int:task_id>/done")
def done(task_id: int):
    """The coordinator has handled the task: it leaves the open list."""
    task = own(Task, task_id)
    with saving("task.done", task):
        task.done_at = task.done_at or utcnow()
        task.details = {**(task.details or {}), "done_by": current().email}
    logger.info("task %s done by %s", task.id, current().email)
    flash("task_done")
    return redirect(url_for(".index"))


@bp.post("/tasks/<int:task_id>/learn")
def learn(task_id: int):
    """An unclear word meant this product: the village keeps it as its own word, and the task is done."""
    task = own(Task, task_id)
    product = db().scalar(select(Product).where(Product.village_id == village_id(), Product.active.is_(True),
                                                Product.id == request.form.get("product", type=int)))
    learned = learning.word_for(db(), village_id(), request.form.get("word", "")) \
        if task.kind == learning.KIND and product is not None else None
    if learned is None:
        flash("word_not_learned")
        return redirect(url_for(".index"))
    with saving("word.learn", learned, task):
        learning.teach(db(), learned, product, current().email)
        task.done_at = task.done_at or utcnow()
        task.details = {**(task.details or {}), "done_by": current().email, "product": product.sku}
    logger.info("task %s taught a word", task.id)
    flash("word_learned")
    return redirect(url_for(".index"))


@bp.post("/tasks/<int:task_id>/reopen")
def reopen(task_id: int):
    """A task marked done by mistake goes back on the open list."""
    task = own(Task, task_id)
    with saving("task.reopen", task):
        task.done_at = None
    flash("task_reopened")
    return redirect(url_for(".index"))


def open_count() -> int:
    """How many tasks of the signed-in coordinator's village are open (0 when nobody is signed in)."""
    if current() is None:
        return 0
    return db().scalar(select(func.count()).select_from(Task)
                       .where(Task.village_id == village_id(), Task.done_at.is_(None)))

"""The tasks desk: the background tasks (e-mails, renders) that failed, for the Committee
secretariat and the Treaty Office, with a button that queues one again once its cause is fixed.
Mounted inside `i18n_patterns` under `desk/tasks/` (namespace `task_desk`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanzarote.core import task_desk
from lanzarote.core.audit import Actor
from lanzarote.core.errors import DomainError
from lanzarote.core.http.desk import Desk
from lanzarote.core.tasks import backend_name

app_name = "task_desk"
desk = Desk(prefix="", permission="tasks.manage")


@desk.page("", name="tasks")
def tasks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/desk_tasks.html",
        {
            "nav_section": "desk",
            "rows": task_desk.tasks_needing_attention(user=request.user),
            "queued_in_database": backend_name() == "DatabaseBackend",
            "max_attempts": task_desk.max_attempts(),
        },
    )


@desk.action("<uuid:task_id>/requeue/", name="requeue", post_only=True)
def requeue(request: HttpRequest, task_id: str) -> HttpResponse:
    try:
        row = task_desk.task_requeue(actor=Actor(user=request.user), task_id=str(task_id))
    except DomainError as error:
        messages.error(request, str(error))
        response = redirect("task_desk:tasks")
        response.status_code = 303
        return response
    messages.success(
        request, _("“%(task)s” is queued again and will run shortly.") % {"task": row.task_name}
    )
    response = redirect("task_desk:tasks")
    response.status_code = 303
    return response


urlpatterns = desk.urls

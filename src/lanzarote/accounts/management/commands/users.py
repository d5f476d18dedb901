"""`lanzarote users create USERNAME --role ROLE [--state CODE] [--org NAME] [--email …]` and
`lanzarote users list`."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import CommandParser

from lanzarote.accounts.models import Role, User
from lanzarote.accounts.services import user_create
from lanzarote.core.audit import Actor
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    help = "Create and list the people who sign in, with their role."
    formats = ()

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a user with a role")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument(
            "--state", help="ISO code of the State represented (delegates, officials)"
        )
        create.add_argument("--org", default="", help="organisation (observers)")
        create.add_argument("--email", default="")
        create.add_argument(
            "--password",
            action="store_true",
            help="ask for a password (otherwise the person sets one through the reset link)",
        )
        sub.add_parser("list", help="list users and roles")
        for sub_parser in sub.choices.values():
            sub_parser.add_argument("--language", choices=("en", "fr"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            users = User.objects.select_related("state").order_by("username")
            self.emit_table(
                ["username", "role", "state", "organisation", "active"],
                [
                    (u.username, u.role, u.state_id or "", u.organisation, u.is_active)
                    for u in users
                ],
            )
            return
        password = None
        if options["password"]:
            password = (
                getpass.getpass("Password: ")
                if sys.stdin.isatty()
                else sys.stdin.readline().strip()
            )
        user = user_create(
            actor=Actor.system("command line"),
            username=options["username"],
            role=options["role"],
            state_code=options["state"],
            organisation=options["org"],
            email=options["email"],
            password=password,
        )
        self.stdout.write(
            f"Created {user.username} ({user.role}{' for ' + user.state_id if user.state_id else ''})."
        )

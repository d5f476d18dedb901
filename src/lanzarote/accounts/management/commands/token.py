"""`lanzarote token create USERNAME [--name N] [--expires-in-days D]`, `token list USERNAME`,
`token revoke PREFIX`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.accounts.models import ApiToken
from lanzarote.accounts.selectors import tokens_of, user_get
from lanzarote.accounts.services import token_create, token_revoke
from lanzarote.core.audit import Actor
from lanzarote.core.errors import NotFound
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    help = "Personal API tokens: printed once at creation, stored hashed, expiring, revocable."
    formats = ()

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="")
        create.add_argument("--expires-in-days", type=int, default=90, help="0 for no expiry")
        listing = sub.add_parser("list", help="list a user's tokens")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")
        for sub_parser in sub.choices.values():
            sub_parser.add_argument("--language", choices=("en", "fr"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system("command line")
        if options["action"] == "create":
            days = options["expires_in_days"] or None
            _, key = token_create(
                actor=actor,
                user=user_get(options["username"]),
                name=options["name"],
                expires_in_days=days,
            )
            self.stdout.write(key)
        elif options["action"] == "list":
            self.emit_table(
                ["prefix", "name", "created", "expires", "revoked", "last used"],
                [
                    (t.prefix, t.name, t.created_at, t.expires_at, t.revoked_at, t.last_used_at)
                    for t in tokens_of(user_get(options["username"]))
                ],
            )
        else:
            token = ApiToken.objects.select_related("user").filter(prefix=options["prefix"]).first()
            if token is None:
                raise NotFound(f"No token with prefix {options['prefix']!r}.")
            token_revoke(actor=actor, token=token)
            self.stdout.write(f"Revoked {token.prefix}… of {token.user.username}.")

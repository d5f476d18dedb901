"""The `lanzarote` console command: Django's management entry point with hyphenated command names.

`lanzarote load-reference-data` runs the `load_reference_data` management command, and so on.
"""

import os
import signal
import sys

# Commands that answer HTTP clients: a client that hangs up before the end of an answer must
# not end the server, so these keep Python's own handling of a closed connection.
SERVERS = frozenset({"runserver", "serve"})


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    command = args[1] if len(args) > 1 else ""
    if hasattr(signal, "SIGPIPE") and command not in SERVERS:
        # `lanzarote chart … | head` should stop quietly, like any other Unix command.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()

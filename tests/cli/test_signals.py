"""The command line restores the default action of SIGPIPE, so that `lanzarote chart … | head`
stops quietly; the servers keep Python's own handling (a BrokenPipeError for the one request),
else the first browser that gave up on a page ended `lanzarote runserver` (or `serve --dev`) and
every later request was refused."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from lanzarote.cli import main


@pytest.fixture
def sigpipe_restored() -> Iterator[None]:
    before = signal.getsignal(signal.SIGPIPE)
    yield
    signal.signal(signal.SIGPIPE, before)


@pytest.mark.usefixtures("sigpipe_restored")
@pytest.mark.parametrize(
    ("command", "action"),
    [("runserver", signal.SIG_IGN), ("serve", signal.SIG_IGN), ("chart", signal.SIG_DFL)],
    ids=["runserver", "serve", "chart"],
)
def test_only_commands_that_write_to_a_pipe_die_with_it(
    command: str, action: signal.Handlers, capsys: pytest.CaptureFixture[str]
) -> None:
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python starts every process
    with pytest.raises(SystemExit):
        main(["lanzarote", command, "--version"])
    assert signal.getsignal(signal.SIGPIPE) == action
    assert capsys.readouterr().out.strip()  # the version, printed by the command itself

"""Exit 0 when a TCP server answers on HOST PORT (used to decide whether to run the PostgreSQL suite)."""

import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
try:
    with socket.create_connection((host, port), timeout=1.0):
        sys.exit(0)
except OSError:
    sys.exit(1)

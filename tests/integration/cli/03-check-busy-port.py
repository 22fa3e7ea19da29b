#!/usr/bin/env python3
"""`rpi-cam check` reports a port taken by another program as FAIL (exit 1)
with a fix, and passes that check once the port is free."""
import socket

from rcit import Root, check, free_port, run_test


def test(root):
    port = free_port()
    root.cli("config", "set", "RTSP_PORT", str(port), check_rc=0)
    busy = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    busy.bind(("0.0.0.0", port))
    busy.listen(1)
    try:
        p = root.cli("check", check_rc=1)
    finally:
        busy.close()
    line = next((l for l in p.stdout.splitlines() if f"port {port}" in l), "")
    check(line.startswith("FAIL") and "in use by another program" in line,
          "busy port line: " + repr(line) + "\n" + p.stdout)
    check("fix:" in p.stdout and "RTSP_PORT" in p.stdout, p.stdout)
    check("failures" in p.stdout, "no summary")

    p = root.cli("check")
    line = next((l for l in p.stdout.splitlines() if f"port {port}" in l), "")
    check(line.startswith("OK") and "free" in line, "free port line: " + repr(line))
    # the other lines are there: elements, directories, config, binaries
    for what in ("GStreamer element videotestsrc", "config ", "rpi-av-rtsp-recorder: "):
        check(what in p.stdout, f"{what!r} missing:\n" + p.stdout)
    # directories do not exist in a fresh root: FAIL with a fix
    check("FAIL  log-dir" not in p.stdout or "mkdir" in p.stdout, p.stdout)


run_test(test)

#!/usr/bin/env python3
"""Without `rpi-cam run` (and without systemd) service commands fail with a
message that says what to start; `status` exits 1 but still lists units."""
from rcit import Root, check, run_test


def test(root):
    p = root.cli("service", "restart", "rtsp", check_rc=1)
    check("rpi-cam run" in p.stderr, p.stderr)
    p = root.cli("status")
    check(p.returncode == 1, f"status exit {p.returncode}")
    check("rpi-av-rtsp-recorder" in p.stdout and "rpi-cam run" in p.stdout, p.stdout)
    st, data = root.status()
    check(data["backend"] == "none" and "error" in data, f"{data}")
    check(len(st) == 6, "units missing")


run_test(test)

#!/usr/bin/env python3
"""A unit's log file above LOG_MAX_SIZE_MB is renamed to <name>.1 and a new
one started, so a long demo cannot fill the disk; `rpi-cam logs` goes on."""
import os

from rcit import Root, Supervisor, check, ipc_call, run_test, wait_until


def test(root):
    root.cli("config", "set", "LOG_MAX_SIZE_MB", "1", check_rc=0)
    sup = Supervisor(root)
    sup.wait_running()
    log = os.path.join(root.log_dir, "rpi_av_rtsp_recorder.log")
    sock = root.file("run", "rpi-cam", "rpi-cam-rtsp.sock")
    r = ipc_call(sock, "say", {"text": "x" * 1000, "repeat": 1500}, timeout=30)
    check(r.get("ok") is True, f"say: {r}")
    wait_until(lambda: os.path.exists(log + ".1"), "rotation")
    check(os.path.getsize(log + ".1") >= 1024 * 1024, "rotated too early")
    check(ipc_call(sock, "say", {"text": "after-rotation"}).get("ok") is True, "say")
    wait_until(lambda: "after-rotation" in open(log).read(), "line in the new file")
    check(os.path.getsize(log) < 1024 * 1024, "new file too big")
    p = root.cli("logs", "rtsp", "-n", "3", check_rc=0)
    check("after-rotation" in p.stdout, p.stdout)
    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)

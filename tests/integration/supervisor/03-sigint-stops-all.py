#!/usr/bin/env python3
"""SIGINT (Ctrl-C) or SIGTERM to `rpi-cam run` stops every child in reverse
dependency order (a unit once the units started after it have exited) and
exits 0, leaving no process and no socket behind."""
import os
import signal

from rcit import Root, Supervisor, check, fail, run_test

# unit -> the unit it starts after (src/common/rc-units.c)
AFTER = {
    "rtsp-recorder": "rpi-av-rtsp-recorder",
    "rpi-cam-onvif": "rpi-av-rtsp-recorder",
    "rtsp-watchdog": "rpi-av-rtsp-recorder",
    "meeting-tunnel-agent": "rpi-cam-webmanager",
}


def one(root, sig):
    sup = Supervisor(root)
    st = sup.wait_running()
    pids = [s["pid"] for s in st.values()]
    rc = sup.stop(sig)
    check(rc == 0, f"rpi-cam run exited {rc} after {sig.name}")
    left = root.processes()
    if left:
        fail(f"processes left after {sig.name}: {left}")
    for pid in pids:
        check(not os.path.exists(f"/proc/{pid}"), f"pid {pid} still exists")
    check(not os.path.exists(root.file("run", "rpi-cam", "supervisor.sock")),
          "supervisor socket left behind")
    out = sup.output()

    def index(unit, what):
        return next(i for i, l in enumerate(out) if f" {unit}: {what}" in l)
    for unit, after in AFTER.items():
        check(index(unit, "pid") < index(after, "stopping pid"),
              f"{after} stopped before {unit} exited:\n" + "\n".join(out))
    check(any("all services stopped" in l for l in out), "no final message")


def test(root):
    one(root, signal.SIGINT)
    one(root, signal.SIGTERM)


run_test(test)

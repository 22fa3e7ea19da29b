#!/usr/bin/env python3
"""SIGINT (Ctrl-C) or SIGTERM to `rpi-cam run` stops every child in reverse
start order and exits 0, leaving no process and no socket behind."""
import os
import signal

from rcit import Root, Supervisor, check, fail, run_test


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
    stops = [l for l in out if "stopping pid" in l]
    units = [l.split(": stopping pid")[0].split()[-1] for l in stops]
    check(units == ["meeting-tunnel-agent", "rtsp-watchdog", "rpi-cam-webmanager",
                    "rpi-cam-onvif", "rtsp-recorder", "rpi-av-rtsp-recorder"],
          f"stop order: {units}")
    check(any("all services stopped" in l for l in out), "no final message")


def test(root):
    one(root, signal.SIGINT)
    one(root, signal.SIGTERM)


run_test(test)

#!/usr/bin/env python3
"""A daemon that keeps failing is restarted with growing delays (counter
goes up), the others keep running, and `service start` reports the failure."""
from rcit import Root, Supervisor, check, run_test, wait_until


def test(root):
    root.env["RC_FAKE_EXIT_AT_START"] = "rpi-cam-onvif"
    sup = Supervisor(root)
    others = ["rpi-av-rtsp-recorder", "rtsp-recorder", "rpi-cam-webmanager",
              "rtsp-watchdog", "meeting-tunnel-agent"]
    sup.wait_running(others)
    wait_until(lambda: root.status()[0]["rpi-cam-onvif"]["restarts"] >= 2,
               "onvif restarted twice")
    sup.wait_output("rpi-cam-onvif: pid")
    delays = [l.rsplit("restarting in ", 1)[1] for l in sup.output()
              if "rpi-cam-onvif: pid" in l and "restarting in" in l]
    check(delays[:2] == ["1 s", "2 s"], f"backoff delays {delays}")
    p = root.cli("service", "start", "onvif", check_rc=1)
    check("did not start" in p.stderr and "exited with status 1" in p.stderr, p.stderr)
    st, _ = root.status()
    for unit in others:
        check(st[unit]["restarts"] == 0, f"{unit} restarted")
    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)

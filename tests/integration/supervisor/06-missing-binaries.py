#!/usr/bin/env python3
"""Only the daemons that exist are started; the others are reported skipped
and cannot be started. --only limits the set. No daemon at all: exit 1."""
from rcit import Root, Supervisor, check, run_test


def test(root):
    sup = Supervisor(root)
    sup.wait_running(["rpi-av-rtsp-recorder", "rtsp-recorder"])
    sup.wait_output("rpi-cam-onvif: skipped, rpi-cam-onvif not built or installed")
    st, _ = root.status()
    for unit in ("rpi-cam-onvif", "rpi-cam-webmanager", "rtsp-watchdog",
                 "meeting-tunnel-agent"):
        check(st[unit]["active_state"] == "inactive", f"{unit}: {st[unit]}")
    p = root.cli("service", "start", "onvif", check_rc=1)
    check("rpi-cam-onvif was not found" in p.stderr, p.stderr)
    check(sup.stop() == 0, "rpi-cam run did not exit 0")

    # --only: the recorder alone (its dependency is not selected)
    sup = Supervisor(root, "--only", "recorder")
    sup.wait_running(["rtsp-recorder"])
    sup.wait_output("rpi-av-rtsp-recorder: skipped (not in --only)")
    st, _ = root.status()
    check(st["rpi-av-rtsp-recorder"]["active_state"] == "inactive", "rtsp started")
    check(sup.stop() == 0, "rpi-cam run --only did not exit 0")

    p = root.cli("run", "--only", "nosuch", check_rc=2)
    check("unknown service 'nosuch'" in p.stderr, p.stderr)


def test_none(root):
    p = root.cli("run", check_rc=1)
    check("no daemon executable found" in p.stderr, p.stderr)


run_test(test, Root(binaries=("rpi-cam-rtsp", "rpi-cam-recorder")))
run_test(test_none, Root(binaries=()))

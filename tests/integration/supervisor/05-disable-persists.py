#!/usr/bin/env python3
"""`rpi-cam service disable` is persisted (atomically, in the state dir): the
next `rpi-cam run` does not start the unit; `enable` brings it back."""
import json
import os

from rcit import Root, Supervisor, check, run_test


def test(root):
    sup = Supervisor(root)
    sup.wait_running()
    p = root.cli("service", "disable", "onvif", check_rc=0)
    st, _ = root.status()
    check(st["rpi-cam-onvif"]["enabled"] is False, "not reported disabled")
    # as with systemd, disable does not stop it now
    check(st["rpi-cam-onvif"]["active_state"] == "active", "disable stopped the unit")
    state = json.load(open(root.file("var", "lib", "rpi-cam", "supervisor-units.json")))
    check(state["disabled"] == ["rpi-cam-onvif"], f"state file: {state}")
    check(sup.stop() == 0, "first run did not exit 0")

    sup = Supervisor(root)
    others = ["rpi-av-rtsp-recorder", "rtsp-recorder", "rpi-cam-webmanager",
              "rtsp-watchdog", "meeting-tunnel-agent"]
    sup.wait_running(others)
    sup.wait_output("rpi-cam-onvif: skipped, disabled")
    st, _ = root.status()
    check(st["rpi-cam-onvif"]["active_state"] == "inactive" and st["rpi-cam-onvif"]["pid"] == 0,
          f"disabled unit started: {st['rpi-cam-onvif']}")
    # a disabled unit can still be started by hand
    root.cli("service", "start", "onvif", check_rc=0)
    root.cli("service", "enable", "rpi-cam-onvif", check_rc=0)
    state = json.load(open(root.file("var", "lib", "rpi-cam", "supervisor-units.json")))
    check(state["disabled"] == [], f"state file after enable: {state}")
    check(sup.stop() == 0, "second run did not exit 0")

    sup = Supervisor(root)
    sup.wait_running()
    check(sup.stop() == 0, "third run did not exit 0")


run_test(test)

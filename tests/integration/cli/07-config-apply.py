#!/usr/bin/env python3
"""`rpi-cam config set --apply` restarts, through the supervisor, exactly the
running services that read the changed key (the schema says which)."""
from rcit import Root, Supervisor, check, run_test


def test(root):
    sup = Supervisor(root)
    before = sup.wait_running()
    # the tunnel agent is not running: it is not started by --apply
    root.cli("service", "stop", "tunnel", check_rc=0)
    p = root.cli("config", "set", "--apply", "RTSP_PORT", "8600", check_rc=0)
    after, _ = root.status()
    restarted = {u for u in after if after[u]["pid"] != before[u]["pid"]}
    check("Restarted rpi-av-rtsp-recorder" in p.stdout, p.stdout)
    check("rpi-av-rtsp-recorder" in restarted, f"restarted: {restarted}")
    check(after["meeting-tunnel-agent"]["active_state"] == "inactive", "tunnel started")
    for unit in restarted - {"meeting-tunnel-agent"}:
        check(after[unit]["active_state"] == "active", f"{unit}: {after[unit]}")

    # setting the value it already has restarts nothing
    before = after
    p = root.cli("config", "set", "--apply", "RTSP_PORT", "8600", check_rc=0)
    after, _ = root.status()
    check(all(after[u]["pid"] == before[u]["pid"] for u in after),
          "unchanged value restarted something: " + p.stdout)
    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)

#!/usr/bin/env python3
"""`rpi-cam status` and `rpi-cam service start|stop|restart|status` work
through the supervisor; each daemon's own ipc "status" shows up."""
from rcit import Root, Supervisor, check, run_test


def test(root):
    sup = Supervisor(root)
    st = sup.wait_running()

    p = root.cli("status", check_rc=0)
    check("supervisor" in p.stdout, "status does not name the supervisor:\n" + p.stdout)
    for unit in st:
        line = next((l for l in p.stdout.splitlines() if l.startswith(unit + " ")), "")
        check("active (running)" in line, f"status line of {unit}: {line!r}")
        check(str(st[unit]["pid"]) in line, f"pid missing in {line!r}")
    check("fake=true" in p.stdout, "daemon's own status not shown:\n" + p.stdout)

    st, data = root.status()
    check(data["backend"] == "supervisor", f"backend {data['backend']}")
    d = st["rpi-av-rtsp-recorder"]["daemon"]
    check(d is not None and d.get("fake") is True and d.get("pid") ==
          st["rpi-av-rtsp-recorder"]["pid"], f"daemon status {d}")
    check(st["rpi-av-rtsp-recorder"]["uptime_s"] >= 0, "no uptime")

    # restart: new pid, running when the command returns, not an automatic restart
    old = st["rpi-av-rtsp-recorder"]["pid"]
    p = root.cli("service", "restart", "rtsp", check_rc=0)
    check("active (running)" in p.stdout, "restart output:\n" + p.stdout)
    st, _ = root.status()
    r = st["rpi-av-rtsp-recorder"]
    check(r["pid"] not in (0, old) and r["active_state"] == "active",
          f"after restart: {r}")
    check(r["restarts"] == 0, "manual restart counted as automatic")

    # stop and start
    root.cli("service", "stop", "rtsp-recorder", check_rc=0)
    st, _ = root.status()
    check(st["rtsp-recorder"]["active_state"] == "inactive" and st["rtsp-recorder"]["pid"] == 0,
          f"after stop: {st['rtsp-recorder']}")
    p = root.cli("service", "status", "recorder", check_rc=0)
    check("inactive (dead)" in p.stdout, "service status:\n" + p.stdout)
    root.cli("service", "start", "recorder.service", check_rc=0)
    st, _ = root.status()
    check(st["rtsp-recorder"]["active_state"] == "active" and st["rtsp-recorder"]["pid"] > 0,
          f"after start: {st['rtsp-recorder']}")

    # bad input: usage errors, nothing sent
    p = root.cli("service", "restart", "sshd", check_rc=2)
    check("unknown service 'sshd'" in p.stderr, p.stderr)
    p = root.cli("service", "reload", "rtsp", check_rc=2)
    check("unknown action" in p.stderr, p.stderr)
    root.cli("service", "restart", check_rc=2)

    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)

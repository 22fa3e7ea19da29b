#!/usr/bin/env python3
"""Under `rpi-cam run` (the demo's service manager) the web manager sees and
controls the units: states, the daemons' own ipc status, start/stop/restart,
config apply restarting the readers of a changed key, RECORD_ENABLE starting
and stopping the recorder, the supervisor's log files, and restarting the
web manager itself. The RTSP daemon and the recorder are rc-fake-daemon
(a real rc-daemon process) so that the test needs no camera pipeline."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading

from webtest import BIN, SKIP, Client, check, run, wait_for

RPI_CAM = os.environ.get("RPI_CAM", "")
FAKE = os.environ.get("RC_FAKE_DAEMON", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health(port):
    try:
        r = Client(port).get("/api/health", timeout=5)
        return r.status == 200
    except OSError:
        return False


def test():
    if not (RPI_CAM and FAKE and BIN and os.path.exists(RPI_CAM)):
        print("RPI_CAM / RC_FAKE_DAEMON / RC_WEB_BIN not set", file=sys.stderr)
        sys.exit(SKIP)
    root = tempfile.mkdtemp(prefix="rc-web-sup-")
    sup = None
    out = []
    try:
        bindir = os.path.join(root, "bin")
        os.makedirs(bindir)
        os.symlink(BIN, os.path.join(bindir, "rpi-cam-web"))
        for b in ("rpi-cam-rtsp", "rpi-cam-recorder"):
            os.symlink(FAKE, os.path.join(bindir, b))
        port = free_port()
        os.makedirs(os.path.join(root, "etc/rpi-cam"))
        with open(os.path.join(root, "etc/rpi-cam/config.env"), "w") as f:
            f.write("WEBMANAGER_PORT=%d\nRECORD_ENABLE=yes\n" % port)
        env = dict(os.environ)
        env.pop("RPI_CAM_ROOT", None)
        env.pop("RPI_CAM_SERVICE_BACKEND", None)
        env["RPI_CAM_BIN_DIR"] = bindir
        env["RPI_CAM_LOGS_BACKEND"] = "files"
        env["RPI_CAM_WEB_BIND"] = "127.0.0.1"
        sup = subprocess.Popen([RPI_CAM, "run", "--root", root], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace")
        threading.Thread(target=lambda: out.extend(sup.stdout), daemon=True).start()
        check(wait_for(lambda: health(port), 60), "web manager up under rpi-cam run")

        c = Client(port)
        c.setup()
        data = wait_for(lambda: (lambda d: d if all(
            d["services"][u]["status"] == "active" for u in
            ("rpi-av-rtsp-recorder", "rtsp-recorder", "rpi-cam-webmanager")) else None)(
            c.get("/api/services").json()), 60)
        check(data and data["backend"] == "supervisor", "services: %r" % data)
        rtsp = data["services"]["rpi-av-rtsp-recorder"]
        check(rtsp["active"] is True and rtsp["pid"], "rtsp unit: %r" % rtsp)

        st = c.get("/api/status").json()
        check(st["service_backend"] == "supervisor" and st["status"] == "active", "status: %r" % st["status"])
        check(st["stream"]["daemon"] and st["stream"]["daemon"].get("fake") is True,
              "daemon ipc status: %r" % st["stream"]["daemon"])
        check(st["recording"]["active"] is True, "recorder active")

        old = rtsp["pid"]
        r = c.post("/api/service/rtsp/restart")
        check(r.status == 200 and r.json()["success"], "restart: %r" % r)
        new = c.get("/api/service/status/rtsp").json()
        check(new["active"] and new["pid"] not in (None, old), "new pid after restart: %r" % new)

        r = c.post("/api/service/recorder/stop")
        check(r.status == 200, "stop: %r" % r)
        check(c.get("/api/service/status/recorder").json()["status"] == "inactive", "stopped")
        r = c.post("/api/service/recorder/start")
        check(c.get("/api/service/status/recorder").json()["status"] == "active", "started")
        check(c.post("/api/service/sshd/restart").status == 404, "unknown unit refused")
        check(c.post("/api/service/rtsp/explode").status == 400, "unknown action refused")

        # RECORD_ENABLE starts and stops the recorder, as the reference did
        r = c.post("/api/config", {"RECORD_ENABLE": False}).json()
        check(r["recorder_sync"]["action"] == "stopped" and r["recorder_sync"]["success"], "sync: %r" % r)
        check(c.get("/api/service/status/recorder").json()["status"] == "inactive", "recorder stopped")
        r = c.post("/api/config", {"RECORD_ENABLE": True}).json()
        check(r["recorder_sync"]["action"] == "started", "sync back: %r" % r)

        # apply restarts the readers of the changed key (not the web manager)
        old = c.get("/api/service/status/rtsp").json()["pid"]
        web_pid = c.get("/api/service/status/webmanager").json()["pid"]
        r = c.post("/api/config?apply=1", {"H264_BITRATE_KBPS": 2000}).json()
        check(r["applied_ok"] and r["applied"]["rpi-av-rtsp-recorder"]["action"] == "restart",
              "applied: %r" % r.get("applied"))
        # ONVIF reads the key too but is not running here: nothing to restart
        check(r["applied"]["rpi-cam-onvif"]["action"] == "skipped", "onvif: %r" % r["applied"])
        check("rpi-cam-webmanager" not in r["affected_units"], "web manager not restarted")
        check(c.get("/api/service/status/rtsp").json()["pid"] != old, "rtsp restarted by apply")
        check(c.get("/api/service/status/webmanager").json()["pid"] == web_pid, "web still the same")

        # the supervisor's log files
        logs = c.get("/api/logs?source=rtsp&lines=50").json()
        check(any("fake daemon rpi-cam-rtsp running" in l["message"] for l in logs["logs"]),
              "rtsp log from LOG_DIR: %r" % logs["logs"][-5:])

        # the web manager restarting itself answers first, then comes back
        r = c.post("/api/service/webmanager/restart").json()
        check(r["self_restart"] is True, "self restart: %r" % r)
        def restarted():
            try:
                # a fresh process: the old session is gone with the old one
                return c.get("/api/service/status/webmanager", timeout=5).status == 401
            except OSError:
                return False
        check(wait_for(restarted, 60), "back with a fresh process")
        c2 = Client(port)
        check(c2.login().status == 200, "login after the restart")
        check(c2.get("/api/service/status/webmanager").json()["pid"] != web_pid, "new web pid")

        sup.send_signal(signal.SIGINT)
        check(sup.wait(60) == 0, "rpi-cam run exit status")
        bad = [l for l in out if "Sanitizer" in l or "runtime error:" in l]
        check(not bad, "sanitizer report:\n" + "".join(out[-80:]))
    except AssertionError:
        sys.stderr.write("--- rpi-cam run output ---\n" + "".join(out[-80:]))
        raise
    finally:
        if sup is not None and sup.poll() is None:
            sup.kill()
            sup.wait()
        shutil.rmtree(root, ignore_errors=True)


run(test)

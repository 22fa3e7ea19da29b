#!/usr/bin/env python3
"""`rpi-cam logs [SERVICE] [-n N] [-f]` under the supervisor: the unit's log
file in LOG_DIR, all units prefixed, and following new lines."""
import subprocess
import threading

from rcit import RPI_CAM, Root, Supervisor, check, ipc_call, run_test, wait_until


def say(root, binary, text):
    r = ipc_call(root.file("run", "rpi-cam", binary + ".sock"), "say", {"text": text})
    check(r.get("ok") is True, f"say: {r}")


def test(root):
    sup = Supervisor(root)
    sup.wait_running()
    say(root, "rpi-cam-rtsp", "hello-from-rtsp")
    say(root, "rpi-cam-web", "hello-from-web")
    sup.wait_output("hello-from-web")

    p = wait_until(lambda: (lambda p: p if "hello-from-rtsp" in p.stdout else None)(
        root.cli("logs", "rtsp", "-n", "5")), "rtsp log line")
    check(p.returncode == 0, p.stderr)
    check("hello-from-web" not in p.stdout, "other unit's line in rtsp log")
    check(len(p.stdout.splitlines()) <= 5, "-n 5 printed more:\n" + p.stdout)
    p = root.cli("logs", "-n", "50", check_rc=0)
    check(any(l.startswith("web      | ") and "hello-from-web" in l
              for l in p.stdout.splitlines()), "all-units view:\n" + p.stdout)
    p = root.cli("logs", "rtsp", "-n", "0", check_rc=0)
    check(p.stdout == "", "-n 0 printed " + p.stdout)
    root.cli("logs", "nosuch", check_rc=2)

    # -f: a new line shows up
    f = subprocess.Popen([RPI_CAM, "logs", "-f", "-n", "0", "rpi-cam-rtsp", "--root", root.path],
                         env=root.env, stdout=subprocess.PIPE, text=True)
    seen = []
    t = threading.Thread(target=lambda: [seen.append(l) for l in f.stdout], daemon=True)
    t.start()
    try:
        def got():
            say(root, "rpi-cam-rtsp", "followed-line")
            return [l for l in seen if "followed-line" in l]
        wait_until(got, "followed line")
    finally:
        f.terminate()
        f.wait()
    check(sup.stop() == 0, "rpi-cam run did not exit 0")

    # no supervisor, no files: a message that says what to do
    empty = Root(binaries=())
    try:
        p = empty.cli("logs", check_rc=1)
        check("rpi-cam status" in p.stderr, p.stderr)
    finally:
        empty.cleanup()


run_test(test)

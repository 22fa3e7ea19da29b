#!/usr/bin/env python3
"""A daemon killed with SIGKILL is restarted: new pid, restarts counter up,
the other daemons untouched."""
import os
import signal

from rcit import Root, Supervisor, check, run_test, wait_until


def test(root):
    sup = Supervisor(root)
    st = sup.wait_running()
    old = st["rtsp-recorder"]["pid"]
    others = {u: s["pid"] for u, s in st.items() if u != "rtsp-recorder"}
    os.kill(old, signal.SIGKILL)

    def restarted():
        st, _ = root.status()
        r = st["rtsp-recorder"]
        if r["pid"] not in (0, old) and r["active_state"] == "active" and r["restarts"] == 1:
            return st
        return None
    st = wait_until(restarted, "rtsp-recorder restarted with a new pid")
    sup.wait_output("rtsp-recorder: pid %d killed by signal 9" % old)
    for unit, pid in others.items():
        check(st[unit]["pid"] == pid, f"{unit} was restarted too")
        check(st[unit]["restarts"] == 0, f"{unit} restarts counter moved")

    # a second crash: restarted again, counter 2
    os.kill(st["rtsp-recorder"]["pid"], signal.SIGKILL)
    wait_until(lambda: root.status()[0]["rtsp-recorder"]["restarts"] == 2 and
               root.status()[0]["rtsp-recorder"]["active_state"] == "active",
               "second restart")
    check(sup.stop() == 0, "rpi-cam run did not exit 0")


run_test(test)

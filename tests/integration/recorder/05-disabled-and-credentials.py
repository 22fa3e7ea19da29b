#!/usr/bin/env python3
"""RECORD_ENABLE=no leaves the recorder idle (running, answering status,
writing and deleting nothing) instead of exiting; enabling it by reload
starts recording, here from a server that requires credentials
(RTSP_USER/RTSP_PASSWORD, read by both daemons), with a password that a URL
would have to escape."""
import os
import time

from recit import Root, check

OLD = "rec_20200101_000000.ts"

with Root({"RTSP_USER": "rec", "RTSP_PASSWORD": "p@ss:w/rd %41",
           "RTSP_AUTH_METHOD": "digest", "MAX_DISK_MB": 1}, record=False) as root:
    os.makedirs(root.record_dir)
    with open(root.path(OLD), "wb") as f:
        f.write(b"\0" * (2 * 1024 * 1024))
    root.start()
    time.sleep(3)
    st = root.rec_status()
    check(root.recorder.alive(), "recorder exited while disabled")
    check(st["enabled"] is False and st["state"] == "disabled" and not st["recording"],
          f"status: {st}")
    check(root.segments() == [OLD], f"files while disabled: {root.segments()}")
    ok, err = root.recorder.call("prune")
    check(not ok and "disabled" in err, f"prune while disabled: {ok} {err}")

    root.config["RECORD_ENABLE"] = "yes"
    root.write_config()
    root.recorder.reload()
    st = root.wait_recording()
    check(st["enabled"] and st["video_codec"] == "h264", f"status: {st}")
    root.wait_closed(1)
    # enabled: the retention runs too
    check(OLD not in root.segments(), "retention not applied after enabling")
    root.recorder.stop()
    check("p@ss" not in root.recorder.read_log(), "password in the log")
    print("ok")

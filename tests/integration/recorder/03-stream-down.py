#!/usr/bin/env python3
"""The RTSP daemon goes away for a few seconds: the recorder closes the
segment, logs the gap (start, end) and reports it in status, retries on its
own and resumes in a new segment when the stream is back."""
import re
import time

from recit import Root, check, decode_errors, wait_until

with Root({"SEGMENT_SECONDS": 4}) as root:
    root.start()
    root.wait_recording()
    root.wait_closed(1)
    before = set(root.segments())

    down = time.time()
    root.rtsp.stop()
    st = wait_until(lambda: (lambda s: s if s["gap_open"] and s["state"] != "recording"
                             else None)(root.rec_status()), "the recorder to see the loss")
    check(st["gaps_total"] == 1 and st["gaps"][0]["end"] is None, f"open gap: {st['gaps']}")
    check(st["current_file"] is None, f"still writing {st['current_file']}")
    time.sleep(4)
    check(root.rec_status()["state"] in ("waiting", "connecting"), "not retrying")

    root.start_rtsp()
    st = root.wait_recording()
    up = time.time()
    check(st["gaps_total"] == 1 and not st["gap_open"], f"gap not closed: {st}")
    gap = st["gaps"][0]
    check(gap["end"] is not None and gap["seconds"] >= 3.5, f"gap: {gap}")
    check(gap["seconds"] <= up - down + 2, f"gap longer than the outage: {gap}")
    check(st["current_file"] not in before, "resumed into an old file")
    root.wait_closed(st["segments_closed"] + 1)
    log = root.recorder.read_log()
    check(re.search(r"stream lost: .*gap starts at " + re.escape(gap["start"]), log),
          "gap start not logged:\n" + log[-3000:])
    check(re.search(r"gap from " + re.escape(gap["start"]) + " to " + re.escape(gap["end"]),
                    log), "gap end not logged:\n" + log[-3000:])
    root.recorder.stop()
    for name in root.segments():
        errors = decode_errors(root.path(name))
        check(errors == "", f"{name}: decode errors: {errors}")
    print(f"ok: gap of {gap['seconds']:.1f} s logged, recording resumed")

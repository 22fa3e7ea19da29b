#!/usr/bin/env python3
"""kill -9 mid-segment: every file on disk plays (the interrupted one up to
its last complete packet, ending on a TS packet boundary), and a restarted
recorder continues in a new file without touching what is on disk."""
import hashlib
import os

from recit import Probe, Root, check, decode_errors, wait_until


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


with Root({"SEGMENT_SECONDS": 4}) as root:
    root.start()
    root.wait_recording()
    st = root.wait_closed(1)
    current = st["current_file"]
    # well into the next segment
    wait_until(lambda: os.path.exists(root.path(current)) and
               os.path.getsize(root.path(current)) > 100 * 1024, f"{current} growing")
    root.recorder.kill9()

    before = root.segments()
    check(len(before) >= 2 and current in before, f"segments after kill: {before}")
    hashes = {}
    for name in before:
        path = root.path(name)
        size = os.path.getsize(path)
        check(size > 0 and size % 188 == 0, f"{name}: {size} bytes is not whole TS packets")
        p = Probe(path)
        check(p.codecs.get("video") == "h264", f"{name}: {p.codecs}")
        check(p.video and p.video[0][2], f"{name}: does not start with a keyframe")
        check(p.duration > 0, f"{name}: duration {p.duration}")
        errors = decode_errors(path)
        check(errors == "", f"{name}: decode errors after kill -9: {errors}")
        hashes[name] = digest(path)

    # restart: a new segment, old files untouched
    root.start_recorder()
    st = root.wait_recording()
    check(st["current_file"] not in before, f"restart reused {st['current_file']}")
    st = root.wait_closed(1)
    root.recorder.stop()
    after = root.segments()
    new = [n for n in after if n not in before]
    check(new, f"no new segment after restart: {after}")
    for name in before:
        check(digest(root.path(name)) == hashes[name], f"{name} changed after the restart")
    for name in new:
        errors = decode_errors(root.path(name))
        check(errors == "", f"{name}: decode errors: {errors}")
    print(f"ok: {len(before)} files survived kill -9, {len(new)} new after restart")

#!/usr/bin/env python3
"""Retention in a temp dir with the limits scaled down: MAX_DISK_MB=1 deletes
the oldest recordings first (at start and as segments close), never the
locked one (locked_recordings.json) nor the segment being written, and logs
each deletion; an unreadable locks file stops all deletions; an impossible
MIN_FREE_DISK_MB (applied by SIGHUP) deletes everything else and says the
limit cannot be met."""
import json
import os
import re

from recit import Root, check, wait_until

KIB = 1024
OLD = ["rec_20200101_0000%02d.ts" % i for i in range(6)]


def total(root):
    return sum(os.path.getsize(root.path(n)) for n in root.segments())


with Root({"SEGMENT_SECONDS": 3, "MAX_DISK_MB": 1, "PRUNE_CHECK_INTERVAL": 5}) as root:
    os.makedirs(root.record_dir)
    for i, name in enumerate(OLD):
        with open(root.path(name), "wb") as f:
            f.write(b"\0" * (300 * KIB))
        os.utime(root.path(name), (1577836800 + i * 60, 1577836800 + i * 60))
    with open(os.path.join(root.record_dir, "notes.txt"), "w") as f:
        f.write("not a recording")
    with open(root.locks_path, "w") as f:
        json.dump([OLD[0]], f)

    root.start()
    root.wait_recording()
    st = root.wait_closed(4)
    log = root.recorder.read_log()
    deleted = re.findall(r"retention: deleted (\S+) \(", log)
    # oldest first, skipping the locked one; then the recorder's own
    check(deleted[:5] == OLD[1:], f"deletion order {deleted}")
    check(any(n.startswith("rec_2026") or not n.startswith("rec_2020") for n in deleted[5:]),
          f"own segments not pruned: {deleted}")
    check(os.path.exists(root.path(OLD[0])), "locked recording deleted")
    check(os.path.exists(os.path.join(root.record_dir, "notes.txt")), "non-recording deleted")
    check(st["current_file"] in root.segments(), "current segment deleted")
    check("max-disk" in log, "reason not logged")
    check(st["retention"]["deleted_total"] >= 5, f"status: {st['retention']}")
    check(st["retention"]["last_deleted"], f"status: {st['retention']}")

    # an unreadable lock file: nothing may be deleted
    with open(root.locks_path, "w") as f:
        f.write('["' + OLD[0])
    ok, err = root.recorder.call("prune")
    check(not ok and "locked" in err, f"prune with a broken locks file: {ok} {err}")
    with open(root.locks_path, "w") as f:
        json.dump([OLD[0]], f)

    # an impossible free-space minimum, applied by reload
    root.config["MIN_FREE_DISK_MB"] = 10000000
    root.write_config()
    root.recorder.reload()
    st = wait_until(lambda: (lambda s: s if s["retention"]["min_free_disk_mb"] == 10000000
                             and s["retention"]["unmet"] == "min-free" else None)(
                                 root.rec_status()), "reload applied")
    ok, report = root.recorder.call("prune", {"dry_run": True})
    check(ok and report["dry_run"] and report["unmet"] == "min-free", f"dry run: {report}")
    # everything older than the segment being written is gone, but the lock
    current = root.rec_status()["current_file"]
    names = root.segments()
    left = [n for n in names if n != OLD[0] and n < current]
    check(not left, f"left over: {left} (current {current})")
    check(current in names and OLD[0] in names, f"protected files missing: {names}")
    root.recorder.stop()
    check(os.path.exists(root.path(OLD[0])), "locked recording deleted at stop")
    print(f"ok: deleted {len(deleted)} in order, lock and current kept")

#!/usr/bin/env python3
"""The hot routes (/api/status, /api/config, /api/system/info, /api/services)
never start a process: the daemon runs under strace and no execve follows
its own. (The reference forked ~8 processes per status call.)"""
import os
import shutil
import sys
import tempfile

from webtest import SKIP, Daemon, check, run


def test():
    strace = shutil.which("strace")
    if strace is None:
        print("strace not installed", file=sys.stderr)
        sys.exit(SKIP)
    tmp = tempfile.mkdtemp(prefix="rc-web-strace-")
    trace = os.path.join(tmp, "trace")
    try:
        # LeakSanitizer cannot run under ptrace; the other tests check leaks
        d = Daemon(prefix=[strace, "-f", "-qq", "-e", "trace=execve,execveat", "-o", trace],
                   env={"ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"})
        try:
            d.start()
        except AssertionError:
            if any("ptrace" in l or "Operation not permitted" in l for l in d.log):
                print("strace cannot trace here", file=sys.stderr)
                sys.exit(SKIP)
            raise
        try:
            c = d.client()
            c.setup()
            for _ in range(5):
                for path in ("/api/status", "/api/config", "/api/system/info", "/api/services",
                             "/api/service/status", "/api/platform", "/api/logs?lines=5"):
                    r = c.get(path)
                    check(r.status == 200, "%s: %r" % (path, r))
            d.stop()
        finally:
            d.stop(check_exit=False)
            d.cleanup()
        lines = [l for l in open(trace) if "execve" in l and "resumed" not in l]
        check(len(lines) == 1, "processes started:\n" + "".join(lines))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


run(test)

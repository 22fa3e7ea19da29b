"""Helpers for the `rpi-cam` integration tests (python3 stdlib only).

Meson passes RPI_CAM (the rpi-cam executable) and RC_FAKE_DAEMON (a daemon on
rc-daemon that takes the identity of the name it is started as). Each test
gets its own temporary root; fake daemons are exposed under the product
daemons' names through symlinks in a RPI_CAM_BIN_DIR.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

RPI_CAM = os.environ.get("RPI_CAM", "")
FAKE_DAEMON = os.environ.get("RC_FAKE_DAEMON", "")

# binary -> unit, in the table order of src/common/rc-units.c
UNITS = {
    "rpi-cam-rtsp": "rpi-av-rtsp-recorder",
    "rpi-cam-recorder": "rtsp-recorder",
    "rpi-cam-onvif": "rpi-cam-onvif",
    "rpi-cam-web": "rpi-cam-webmanager",
    "rpi-cam-watchdog": "rtsp-watchdog",
    "rpi-cam-tunnel": "meeting-tunnel-agent",
}
LOG_FILES = {
    "rpi-av-rtsp-recorder": "rpi_av_rtsp_recorder.log",
    "rtsp-recorder": "rtsp_recorder.log",
    "rpi-cam-onvif": "rpi-cam-onvif.log",
    "rpi-cam-webmanager": "rpi-cam-webmanager.log",
    "rtsp-watchdog": "rtsp_watchdog.log",
    "meeting-tunnel-agent": "meeting-tunnel-agent.log",
}
SKIP = 77
TIMEOUT = 30.0


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def wait_until(fn, what, timeout=TIMEOUT):
    """Polls fn() until it returns a true value (returned); fails after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(0.1)
    fail(f"timed out waiting for {what} (last: {last!r})")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Root:
    """A temporary root with a bin dir of fake daemons (all six by default)."""

    def __init__(self, binaries=tuple(UNITS)):
        if not RPI_CAM or not os.path.exists(RPI_CAM):
            print("RPI_CAM not set: run through meson test", flush=True)
            sys.exit(SKIP)
        self.path = tempfile.mkdtemp(prefix="rc-it-")
        self.bin_dir = os.path.join(self.path, "bin")
        os.makedirs(self.bin_dir)
        for b in binaries:
            os.symlink(FAKE_DAEMON, os.path.join(self.bin_dir, b))
        self.env = dict(os.environ)
        self.env["RPI_CAM_BIN_DIR"] = self.bin_dir
        self.env.pop("RPI_CAM_ROOT", None)
        self.env.pop("RPI_CAM_SERVICE_BACKEND", None)
        self.env["TMPDIR"] = self.path
        self._lsan_suppressions()

    def _lsan_suppressions(self):
        """GLib leaks its first quark table by design once more than 2048
        quarks exist (GStreamer gets there: `rpi-cam check`); the allocation
        happens in GLib's constructor, whose frames have no symbols, so the
        shared suppressions cannot name it. Add a rule for allocations made
        by library constructors, which are one-time by definition."""
        opts = self.env.get("LSAN_OPTIONS", "")
        base = [o.split("=", 1)[1] for o in opts.split(":") if o.startswith("suppressions=")]
        text = open(base[0]).read() if base and os.path.exists(base[0]) else ""
        path = os.path.join(self.path, "lsan.supp")
        with open(path, "w") as f:
            f.write(text + "\nleak:_dl_init\n")
        rest = [o for o in opts.split(":") if o and not o.startswith("suppressions=")]
        self.env["LSAN_OPTIONS"] = ":".join(rest + ["suppressions=" + path])

    def file(self, *parts):
        return os.path.join(self.path, *parts)

    @property
    def log_dir(self):
        return self.file("var", "log", "rpi-cam")

    @property
    def config_env(self):
        return self.file("etc", "rpi-cam", "config.env")

    def cli(self, *args, check_rc=None, timeout=60):
        """Runs `rpi-cam ARGS --root ROOT`; returns CompletedProcess."""
        argv = [RPI_CAM] + list(args)
        if "--root" not in args:
            argv += ["--root", self.path]
        env = self.env
        if args and args[0] == "check":
            env = dict(env)
            env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":fast_unwind_on_malloc=0"
        p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
        if check_rc is not None and p.returncode != check_rc:
            fail(f"{' '.join(args)}: exit {p.returncode}, expected {check_rc}\n"
                 f"stdout: {p.stdout}\nstderr: {p.stderr}")
        return p

    def status(self):
        p = self.cli("status", "--json")
        try:
            data = json.loads(p.stdout)
        except ValueError:
            fail(f"status --json is not JSON: {p.stdout!r} {p.stderr!r}")
        return {u["unit"]: u for u in data["units"]}, data

    def processes(self):
        """pids of live processes whose command line names this root."""
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmd = f.read().split(b"\0")
                with open(f"/proc/{entry}/stat", "rb") as f:
                    state = f.read().rsplit(b")", 1)[1].split()[0]
            except OSError:
                continue
            if state != b"Z" and self.path.encode() in cmd and int(entry) != os.getpid():
                pids.append(int(entry))
        return pids

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)


class Supervisor:
    """`rpi-cam run` in the background, its merged output collected."""

    def __init__(self, root, *extra, env=None):
        self.root = root
        self.lines = []
        self.lock = threading.Lock()
        argv = [RPI_CAM, "run"] + list(extra)
        if "--root" not in extra:
            argv += ["--root", root.path]
        self.proc = subprocess.Popen(argv, env=env or root.env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True,
                                     errors="replace")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def output(self):
        with self.lock:
            return list(self.lines)

    def wait_output(self, needle, timeout=TIMEOUT):
        return wait_until(lambda: [l for l in self.output() if needle in l],
                          f"output line with {needle!r}", timeout)

    def wait_running(self, units=None, timeout=TIMEOUT):
        """Waits until @units (default: all with a binary) are active/running."""
        want = units if units is not None else [
            UNITS[b] for b in os.listdir(self.root.bin_dir) if b in UNITS]

        def ready():
            if self.proc.poll() is not None:
                fail(f"rpi-cam run exited {self.proc.returncode}:\n" +
                     "\n".join(self.output()))
            st, _ = self.root.status()
            if all(st[u].get("active_state") == "active" and
                   st[u].get("sub_state") == "running" and st[u].get("pid", 0) > 0
                   for u in want):
                return st
            return None
        return wait_until(ready, f"{want} running", timeout)

    def stop(self, sig=signal.SIGINT, timeout=TIMEOUT):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            fail("rpi-cam run did not exit after " + sig.name + ":\n" +
                 "\n".join(self.output()))
        self.thread.join(timeout=5)
        # sanitizer reports of the children only show in their output
        bad = [l for l in self.output() if "Sanitizer" in l or "runtime error:" in l]
        if bad:
            fail("sanitizer report in the supervised output:\n" + "\n".join(self.output()))
        return rc

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def ipc_call(path, cmd, args=None, timeout=5.0):
    """One request on an rc-ipc socket; returns the decoded response."""
    req = {"proto": "rpi-cam-ipc", "v": 1, "id": 1, "cmd": cmd}
    if args is not None:
        req["args"] = args
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(path)
        s.sendall((json.dumps(req) + "\n").encode())
        buf = b""
        while b"\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
    return json.loads(buf.split(b"\n", 1)[0])


def run_test(fn, root=None):
    """Runs fn(root) with cleanup of the root and any supervisor left."""
    root = root or Root()
    try:
        fn(root)
    finally:
        for pid in root.processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        root.cleanup()
    print("PASS", flush=True)

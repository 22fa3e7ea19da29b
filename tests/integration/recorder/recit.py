"""Helpers for the rpi-cam-recorder integration tests (python3 stdlib only).

Meson passes RPI_CAM_RECORDER and RPI_CAM_RTSP. A test makes one temporary
root with one config.env, starts the real RTSP daemon on the demo source
(STREAM_SOURCE_MODE=demo) on a free loopback port and the recorder pulling
from it, and checks the segments with ffprobe/ffmpeg.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

RPI_CAM_RECORDER = os.environ.get("RPI_CAM_RECORDER", "")
RPI_CAM_RTSP = os.environ.get("RPI_CAM_RTSP", "")
SKIP = 77
TIMEOUT = 40.0
SEGMENT_RE = re.compile(r"^rec_(\d{8})_(\d{6})(_[1-9]\d{0,2})?\.ts$")
# A sanitizer report in a daemon log is a failure even if the test passed.
SANITIZER_RE = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")


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
        time.sleep(0.2)
    fail(f"timed out waiting for {what} (last: {last!r})")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need(*programs):
    for p in programs:
        if shutil.which(p) is None:
            print(f"{p} not installed (scripts/deps.sh)", flush=True)
            sys.exit(SKIP)


def shell_quote(value):
    return "'" + str(value).replace("'", "'\\''") + "'"


def ipc(socket_path, cmd, args=None, timeout=10):
    """One ipc request; returns (ok, result or error message) or None when
    nobody answers."""
    req = {"proto": "rpi-cam-ipc", "v": 1, "id": 1, "cmd": cmd}
    if args is not None:
        req["args"] = args
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(socket_path)
            s.sendall(json.dumps(req).encode() + b"\n")
            line = s.makefile("rb").readline()
        reply = json.loads(line)
    except (OSError, ValueError):
        return None
    if reply.get("ok"):
        return (True, reply.get("result"))
    return (False, reply.get("error"))


class Proc:
    """One daemon of the root; stop() checks a clean exit and no sanitizer
    report."""

    def __init__(self, root, binary, name):
        self.root = root
        self.binary = binary
        self.name = name
        self.log_path = os.path.join(root.dir, name + ".log")
        self.socket_path = os.path.join(root.dir, "run", "rpi-cam", name + ".sock")
        self.proc = None

    def start(self, *extra):
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "--root", self.root.dir, "--foreground", *extra],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return self

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def status(self):
        r = ipc(self.socket_path, "status")
        return r[1] if r and r[0] else None

    def call(self, cmd, args=None):
        r = ipc(self.socket_path, cmd, args)
        check(r is not None, f"{self.name} does not answer {cmd}")
        return r

    def read_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def reload(self):
        self.proc.send_signal(signal.SIGHUP)

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()
        self.proc = None

    def stop(self):
        if self.proc is None:
            return
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                print(self.read_log()[-6000:])
                fail(f"{self.name} did not stop on SIGTERM")
        code = self.proc.returncode
        self.proc = None
        self.log.close()
        log = self.read_log()
        if code != 0 or SANITIZER_RE.search(log):
            print(log[-8000:])
            fail(f"{self.name} exited with {code}")


class Root:
    """A temporary root with config.env, the RTSP demo daemon and the recorder."""

    def __init__(self, config=None, record=True):
        for b, var in ((RPI_CAM_RECORDER, "RPI_CAM_RECORDER"), (RPI_CAM_RTSP, "RPI_CAM_RTSP")):
            if not b or not os.path.exists(b):
                print(f"{var} not set: run through meson test", flush=True)
                sys.exit(SKIP)
        need("ffprobe", "ffmpeg")
        self.dir = tempfile.mkdtemp(prefix="rc-rec-it-")
        self.port = free_port()
        # 15 fps with a keyframe every 15 frames: 1 s GOPs, so 5 s segments
        # are cut within a second of their nominal length.
        self.config = {
            "STREAM_SOURCE_MODE": "demo",
            "RTSP_PORT": self.port,
            "VIDEOIN_FPS": 15,
            "H264_KEYINT": 15,
            "SEGMENT_SECONDS": 5,
            "MIN_FREE_DISK_MB": 0,
            "MAX_DISK_MB": 0,
            "LOG_LEVEL": "debug",
            "RECORD_ENABLE": "yes" if record else "no",
        }
        self.config.update(config or {})
        os.makedirs(os.path.join(self.dir, "dev"), exist_ok=True)
        self.write_config()
        self.rtsp = Proc(self, RPI_CAM_RTSP, "rpi-cam-rtsp")
        self.recorder = Proc(self, RPI_CAM_RECORDER, "rpi-cam-recorder")
        self.record_dir = os.path.join(self.dir, "var", "cache", "rpi-cam", "recordings")
        self.locks_path = os.path.join(self.dir, "etc", "rpi-cam", "locked_recordings.json")

    def write_config(self):
        os.makedirs(os.path.join(self.dir, "etc", "rpi-cam"), exist_ok=True)
        with open(os.path.join(self.dir, "etc", "rpi-cam", "config.env"), "w") as f:
            for k, v in self.config.items():
                f.write(f"{k}={shell_quote(v)}\n")

    def start_rtsp(self):
        self.rtsp.start("--dev-dir", os.path.join(self.dir, "dev"))
        wait_until(lambda: (self.rtsp.alive() or fail("rpi-cam-rtsp exited:\n" +
                                                     self.rtsp.read_log()[-4000:]))
                   and (self.rtsp.status() or {}).get("state") in ("ready", "streaming"),
                   "rpi-cam-rtsp ready")

    def start_recorder(self):
        self.recorder.start()
        wait_until(lambda: (self.recorder.alive() or fail("rpi-cam-recorder exited:\n" +
                                                         self.recorder.read_log()[-4000:]))
                   and self.recorder.status(), "rpi-cam-recorder answers")

    def start(self):
        self.start_rtsp()
        self.start_recorder()
        return self

    def rec_status(self):
        st = self.recorder.status()
        check(st is not None, "recorder does not answer status:\n" +
              self.recorder.read_log()[-4000:])
        return st

    def wait_recording(self, timeout=TIMEOUT):
        return wait_until(lambda: (self.recorder.alive() or fail(
            "recorder exited:\n" + self.recorder.read_log()[-4000:])) and
            (lambda st: st if st and st.get("state") == "recording" and
             st.get("current_file") else None)(self.recorder.status()),
            "recording", timeout)

    def wait_closed(self, n, timeout=TIMEOUT):
        """Waits until the recorder has closed @n segments and writes the
        next one; returns status."""
        return wait_until(lambda: (lambda st: st if st and st.get("segments_closed", 0) >= n
                                   and st.get("current_file") else None)(self.rec_status()),
                          f"{n} closed segments", timeout)

    def segments(self):
        if not os.path.isdir(self.record_dir):
            return []
        return sorted(n for n in os.listdir(self.record_dir) if n.endswith(".ts"))

    def path(self, name):
        return os.path.join(self.record_dir, name)

    def close(self):
        self.recorder.stop()
        self.rtsp.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for p in (self.recorder, self.rtsp):
                if os.path.exists(p.log_path):
                    print(f"--- {p.name} ---\n" + p.read_log()[-6000:])
        self.close()
        return False


def run(argv, timeout=TIMEOUT):
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return (-1, "", "timeout")
    return (p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


class Probe:
    """One ffprobe run over a file: streams, format and every packet.
    video/audio: [(pts, duration, is_key)] in 90 kHz ticks, sorted by pts."""

    def __init__(self, path):
        code, out, err = run(["ffprobe", "-v", "error", "-show_entries",
                              "stream=index,codec_name,codec_type,r_frame_rate,sample_rate:"
                              "format=duration,format_name:"
                              "packet=stream_index,pts,duration,flags", "-of", "json", path])
        check(code == 0, f"ffprobe {path} failed ({code}): {err}")
        info = json.loads(out)
        self.streams = info.get("streams", [])
        self.format = info.get("format", {})
        self.codecs = {s["codec_type"]: s["codec_name"] for s in self.streams}
        kinds = {s["index"]: s["codec_type"] for s in self.streams}
        self.video, self.audio = [], []
        for p in info.get("packets", []):
            if "pts" not in p:
                continue
            entry = (int(p["pts"]), int(p.get("duration", 0) or 0), "K" in p.get("flags", ""))
            kind = kinds.get(p["stream_index"])
            if kind == "video":
                self.video.append(entry)
            elif kind == "audio":
                self.audio.append(entry)
        self.video.sort()
        self.audio.sort()

    @property
    def duration(self):
        return float(self.format.get("duration", 0) or 0)


def decode_errors(path):
    """Decodes the whole file with ffmpeg; returns its error output ('' when
    clean). Timestamps are passed through so that ffmpeg's null muxer does
    not judge them."""
    code, _, err = run(["ffmpeg", "-nostdin", "-v", "error", "-i", path,
                        "-fps_mode", "passthrough", "-f", "null", "-"])
    if code != 0:
        return f"exit {code}: {err}"
    return err.strip()

"""Helpers for the rpi-cam-rtsp integration tests (python3 stdlib only).

Meson passes RPI_CAM_RTSP (the daemon). Each test starts it under its own
temporary root with a config.env, on a free loopback port, and talks to it
with real clients (ffmpeg, ffprobe, gst-launch-1.0) or raw RTSP over a socket.
"""
import hashlib
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

RPI_CAM_RTSP = os.environ.get("RPI_CAM_RTSP", "")
SKIP = 77
TIMEOUT = 40.0


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


class Daemon:
    """rpi-cam-rtsp under a temporary root; stop() checks a clean exit."""

    def __init__(self, config, port=None, wrapper=()):
        if not RPI_CAM_RTSP or not os.path.exists(RPI_CAM_RTSP):
            print("RPI_CAM_RTSP not set: run through meson test", flush=True)
            sys.exit(SKIP)
        self.root = tempfile.mkdtemp(prefix="rc-rtsp-it-")
        self.port = port or free_port()
        self.config = {"RTSP_PORT": self.port, "LOG_LEVEL": "debug"}
        self.config.update(config)
        self.write_config()
        self.log_path = os.path.join(self.root, "daemon.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [*wrapper, RPI_CAM_RTSP, "--root", self.root, "--foreground",
             "--dev-dir", os.path.join(self.root, "dev")],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.socket_path = os.path.join(self.root, "run", "rpi-cam", "rpi-cam-rtsp.sock")

    def write_config(self):
        os.makedirs(os.path.join(self.root, "etc", "rpi-cam"), exist_ok=True)
        os.makedirs(os.path.join(self.root, "dev"), exist_ok=True)
        path = os.path.join(self.root, "etc", "rpi-cam", "config.env")
        with open(path, "w") as f:
            for k, v in self.config.items():
                f.write(f"{k}={shell_quote(v)}\n")

    def url(self, path="/stream", user=None, password=None):
        auth = f"{user}:{password}@" if user is not None else ""
        return f"rtsp://{auth}127.0.0.1:{self.port}{path}"

    def alive(self):
        return self.proc.poll() is None

    def status(self):
        """The ipc status result, or None when the daemon does not answer."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(5)
                s.connect(self.socket_path)
                s.sendall(b'{"proto":"rpi-cam-ipc","v":1,"id":1,"cmd":"status"}\n')
                line = s.makefile("rb").readline()
            reply = json.loads(line)
            return reply.get("result") if reply.get("ok") else None
        except (OSError, ValueError):
            return None

    def wait_state(self, *states, timeout=TIMEOUT):
        def ok():
            check(self.alive(), "daemon exited:\n" + self.read_log())
            st = self.status()
            return st if st and st.get("state") in states else None
        return wait_until(ok, f"state in {states}", timeout)

    def reload(self):
        self.proc.send_signal(signal.SIGHUP)

    def reconfigure(self, changes, state="streaming"):
        """Rewrites config.env with @changes, SIGHUP, waits for the new media."""
        before = (self.status() or {}).get("rebuilds", 0)
        self.config.update(changes)
        self.write_config()
        self.reload()

        def applied():
            check(self.alive(), "daemon exited:\n" + self.read_log())
            st = self.status()
            return st if st and st.get("rebuilds", 0) > before and st["state"] == state else None
        return wait_until(applied, f"reload applied ({changes})")

    def read_log(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")[-6000:]

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                print(self.read_log())
                fail("daemon did not stop on SIGTERM")
        code = self.proc.returncode
        log = self.read_log()
        self.log.close()
        if code != 0:
            print(log)
            fail(f"daemon exited with {code}")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            print(self.read_log())
        self.stop()
        return False


def run(argv, timeout=TIMEOUT):
    """Runs a client; returns (returncode, stdout, stderr)."""
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return (-1, "", "timeout")
    return (p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def ffprobe_streams(url, transport="tcp"):
    code, out, err = run(["ffprobe", "-v", "error", "-rtsp_transport", transport,
                          "-show_entries", "stream=codec_name,codec_type,width,height,"
                          "sample_rate,r_frame_rate", "-of", "json", url])
    check(code == 0, f"ffprobe failed ({code}): {err}")
    return json.loads(out)["streams"]


def ffmpeg_decode(url, frames=10, transport="tcp"):
    """Decodes @frames video frames; returns (returncode, stderr)."""
    code, _, err = run(["ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport,
                        "-i", url, "-frames:v", str(frames), "-f", "null", "-"])
    return code, err


class RtspResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name lowercased, value)
        self.body = body

    def all(self, name):
        return [v for k, v in self.headers if k == name.lower()]


def rtsp_request(port, method, url, headers=(), cseq=1, sock=None):
    """One raw RTSP request; returns RtspResponse."""
    own = sock is None
    if own:
        sock = socket.create_connection(("127.0.0.1", port), timeout=15)
    try:
        lines = [f"{method} {url} RTSP/1.0", f"CSeq: {cseq}", "User-Agent: rc-it"]
        lines += [f"{k}: {v}" for k, v in headers]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while True:
            # interleaved RTP/RTCP frames ($, channel, 16-bit length) may come
            # before the reply on a connection that is already playing
            while data[:1] == b"$" and len(data) >= 4:
                size = 4 + int.from_bytes(data[2:4], "big")
                if len(data) < size:
                    break
                data = data[size:]
            if data[:1] != b"$" and b"\r\n\r\n" in data:
                break
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        head_lines = head.decode(errors="replace").split("\r\n")
        m = re.match(r"RTSP/1\.0 (\d+)", head_lines[0])
        check(m is not None, f"not an RTSP response: {head_lines[0]!r}")
        hdrs = []
        for line in head_lines[1:]:
            k, _, v = line.partition(":")
            hdrs.append((k.strip().lower(), v.strip()))
        length = int(dict(hdrs).get("content-length", "0"))
        while len(rest) < length:
            chunk = sock.recv(4096)
            if not chunk:
                break
            rest += chunk
        return RtspResponse(int(m.group(1)), hdrs, rest[:length])
    finally:
        if own:
            sock.close()


def digest_header(challenge, user, password, method, uri):
    """Authorization header for a Digest challenge (RFC 2617 without qop)."""
    params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    ha1 = hashlib.md5(f"{user}:{params['realm']}:{password}".encode()).hexdigest()
    ha2 = hashlib.md5(f"{method}:{uri}".encode()).hexdigest()
    response = hashlib.md5(f"{ha1}:{params['nonce']}:{ha2}".encode()).hexdigest()
    return ("Digest " f'username="{user}", realm="{params["realm"]}", '
            f'nonce="{params["nonce"]}", uri="{uri}", response="{response}"')

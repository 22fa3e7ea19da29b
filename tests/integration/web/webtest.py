"""Shared helpers of the web manager's integration tests.

Starts the real rpi-cam-web under a temporary root on a free loopback port
(--port 0, the port is read from its log), and talks to it with http.client.
Stopping it checks its exit code, so a leak found by LeakSanitizer in the
ASan build fails the test.
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77  # meson's exit code for a skipped test

BIN = os.environ.get("RC_WEB_BIN")
SOURCE_DIR = os.environ.get("RC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../../.."))
PASSWORD = "correct horse battery"


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    raise AssertionError(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


class Daemon:
    """One rpi-cam-web under its own temporary root."""

    def __init__(self, args=(), env=None, prefix=None, root=None):
        if not BIN or not os.path.exists(BIN):
            print("RC_WEB_BIN not set or missing", file=sys.stderr)
            sys.exit(SKIP)
        self.root = root or tempfile.mkdtemp(prefix="rc-web-test-")
        self.owns_root = root is None
        self.args = list(args)
        self.env = dict(os.environ)
        self.env.pop("RPI_CAM_ROOT", None)
        # the logs route must read LOG_DIR files, not this machine's journal
        self.env.setdefault("RPI_CAM_LOGS_BACKEND", "files")
        self.env.update(env or {})
        self.prefix = list(prefix or [])
        self.proc = None
        self.port = None
        self.pid = None  # the daemon's own pid (differs from proc.pid under a prefix)
        self.log = []
        self._reader = None

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def start(self, timeout=60):
        cmd = self.prefix + [BIN, "--root", self.root, "--port", "0", "--bind", "127.0.0.1",
                             "--foreground"] + self.args
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=self.env, text=True, errors="replace")
        ready = threading.Event()

        def reader():
            for line in self.proc.stderr:
                self.log.append(line)
                m = re.search(r"rpi-cam-web\[(\d+)\] \w+: listening on https?://[^:]*:(\d+)",
                              line)
                if m and self.port is None:
                    self.pid = int(m.group(1))
                    self.port = int(m.group(2))
                    ready.set()
            ready.set()

        self._reader = threading.Thread(target=reader, daemon=True)
        self._reader.start()
        ready.wait(timeout)
        if self.port is None:
            self.stop(check_exit=False)
            fail("daemon did not start:\n" + "".join(self.log))
        return self

    def stop(self, check_exit=True):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            if self.prefix and self.pid is not None:
                # strace and friends pass the exit on, not the signal
                try:
                    os.kill(self.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            else:
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                if check_exit:
                    fail("daemon did not stop on SIGTERM")
        if self._reader is not None:
            self._reader.join(10)
        code = self.proc.returncode
        self.proc = None
        if check_exit and code != 0:
            fail("daemon exited with %s:\n%s" % (code, "".join(self.log[-60:])))

    def cleanup(self):
        if self.owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        try:
            self.stop(check_exit=exc_type is None)
        finally:
            if exc_type is not None:
                sys.stderr.write("--- daemon log ---\n" + "".join(self.log[-80:]))
            self.cleanup()
        return False

    def client(self, **kw):
        return Client(self.port, **kw)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            fail("not JSON (%d): %r" % (self.status, self.body[:300]))

    def __repr__(self):
        return "<%d %r>" % (self.status, self.body[:200])


class Client:
    """A browser-like client: keeps the session cookie and the CSRF token."""

    def __init__(self, port, host="127.0.0.1", source=None):
        self.port = port
        self.host = host
        self.source = source
        self.cookie = None
        self.csrf = None
        self.bearer = None

    def raw(self, method, path, body=None, headers=None, timeout=60):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout,
                                          source_address=self.source)
        h = dict(headers or {})
        if self.cookie and "Cookie" not in h:
            h["Cookie"] = "rc_session=" + self.cookie
        if self.bearer and "Authorization" not in h:
            h["Authorization"] = "Bearer " + self.bearer
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        for v in resp.headers_all("Set-Cookie"):
            m = re.match(r"rc_session=([^;]*)", v)
            if m:
                self.cookie = m.group(1) or None
        return resp

    def get(self, path, **kw):
        return self.raw("GET", path, **kw)

    def post(self, path, body=None, csrf=True, headers=None, **kw):
        h = dict(headers or {})
        if csrf and self.csrf:
            h.setdefault("X-CSRF-Token", self.csrf)
        return self.raw("POST", path, body=body if body is not None else {}, headers=h, **kw)

    def delete(self, path, csrf=True, **kw):
        h = {}
        if csrf and self.csrf:
            h["X-CSRF-Token"] = self.csrf
        return self.raw("DELETE", path, headers=h, **kw)

    def setup(self, password=PASSWORD):
        r = self.post("/api/auth/setup", {"password": password}, csrf=False)
        check(r.status == 200, "setup failed: %r" % r)
        self.csrf = r.json()["csrf_token"]
        return r

    def login(self, password=PASSWORD, username=None):
        body = {"password": password}
        if username is not None:
            body["username"] = username
        r = self.post("/api/auth/login", body, csrf=False)
        if r.status == 200:
            self.csrf = r.json()["csrf_token"]
        return r


def run(test):
    """Runs test() and turns assertion failures into exit code 1."""
    try:
        test()
    except AssertionError as e:
        print("FAIL:", e, file=sys.stderr)
        sys.exit(1)
    print("ok")
    sys.exit(0)


def wait_for(pred, timeout=30, interval=0.1):
    """Polls pred() until true; no timing is asserted, the deadline only
    bounds a broken run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    return pred()

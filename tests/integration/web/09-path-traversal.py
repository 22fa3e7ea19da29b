#!/usr/bin/env python3
"""Path traversal on the static files: "..", encoded, double-encoded,
absolute, backslashes, and a symlink inside the web directory pointing out:
none reaches a file outside."""
import os
import shutil
import socket
import tempfile

from webtest import SOURCE_DIR, Daemon, check, run

SECRET = b"top-secret-outside-the-web-dir"


def raw_get(port, target):
    """Sends the request line as is (http.client would not normalise, but
    this makes the bytes on the wire explicit)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def test():
    tmp = tempfile.mkdtemp(prefix="rc-web-trav-")
    try:
        web = os.path.join(tmp, "web")
        shutil.copytree(os.path.join(SOURCE_DIR, "data", "web"), web)
        secret = os.path.join(tmp, "secret.txt")
        open(secret, "wb").write(SECRET)
        os.symlink(secret, os.path.join(web, "link.txt"))
        os.symlink(tmp, os.path.join(web, "linkdir"))
        rel = os.path.relpath(secret, web).encode()
        with Daemon(args=["--web-dir", web]) as d:
            targets = [
                b"/../secret.txt",
                b"/" + rel,
                b"/%2e%2e/secret.txt",
                b"/%2E%2E%2Fsecret.txt",
                b"/%252e%252e/secret.txt",
                b"/css/..%2f..%2fsecret.txt",
                b"/static/../../secret.txt",
                b"/index.html/../../secret.txt",
                b"//" + secret.encode(),
                b"/" + secret.encode(),
                b"/..\\secret.txt",
                b"/.%2e/secret.txt",
                b"/link.txt",
                b"/linkdir/secret.txt",
                b"http://127.0.0.1/../secret.txt",
                b"/%00/../secret.txt",
                b"/api/../../secret.txt",
            ]
            for t in targets:
                status, data = raw_get(d.port, t)
                check(SECRET not in data, "%r leaked the file" % t)
                check(status in (400, 404), "%r: status %d" % (t, status))
            status, data = raw_get(d.port, b"/index.html")
            check(status == 200, "a normal file still works")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


run(test)

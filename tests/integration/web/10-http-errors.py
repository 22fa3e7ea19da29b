#!/usr/bin/env python3
"""Request hygiene: JSON 404/405/413, chunked bodies refused (411) and
oversized bodies refused before they are read, public routes minimal."""
import socket

from webtest import Daemon, check, run


def test():
    with Daemon() as d:
        c = d.client()
        c.setup()
        r = c.raw("DELETE", "/api/status", headers={"X-CSRF-Token": c.csrf})
        check(r.status == 405 and r.json()["error"] == "Method not allowed", "405: %r" % r)
        check("GET" in r.header("Allow"), "Allow header")
        r = c.get("/api/does/not/exist")
        check(r.status == 404 and r.json()["path"] == "/api/does/not/exist", "404: %r" % r)

        # 64 KiB is the default limit; login accepts only 4 KiB
        r = c.post("/api/auth/login", {"password": "x" * 5000}, csrf=False)
        check(r.status == 413 and r.json()["error"] == "Request body too large", "413: %r" % r)

        # a client announcing a huge body gets its answer without sending it
        s = socket.create_connection(("127.0.0.1", d.port), timeout=30)
        s.sendall(b"POST /api/config HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n")
        head = s.recv(4096)
        s.close()
        check(head.startswith(b"HTTP/1.1 413"), "early 413: %r" % head[:80])

        s = socket.create_connection(("127.0.0.1", d.port), timeout=30)
        s.sendall(b"POST /api/config HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  b"2\r\n{}\r\n0\r\n\r\n")
        head = s.recv(4096)
        s.close()
        check(head.startswith(b"HTTP/1.1 411"), "chunked refused: %r" % head[:80])

        anon = d.client()
        h = anon.get("/health").json()
        check(set(h) == {"status", "timestamp"}, "minimal /health: %r" % h)
        h = anon.get("/api/health").json()
        check(set(h) == {"success", "status", "timestamp"}, "minimal /api/health: %r" % h)
        check(anon.get("/api/version").status == 401, "version needs auth")


run(test)

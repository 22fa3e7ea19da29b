#!/usr/bin/env python3
"""A session cookie alone never changes state: every POST/PUT/DELETE needs
the session's X-CSRF-Token, and a refused request changes nothing."""
import hashlib

from webtest import Daemon, check, run


def digest(path):
    try:
        return hashlib.sha256(open(path, "rb").read()).hexdigest()
    except FileNotFoundError:
        return None


def test():
    with Daemon() as d:
        c = d.client()
        c.setup()
        env = d.path("etc/rpi-cam/config.env")
        before = digest(env)

        r = c.post("/api/config", {"RTSP_PORT": 8600}, csrf=False)
        check(r.status == 403 and r.json()["error"] == "csrf_failed", "no token: %r" % r)
        r = c.post("/api/config", {"RTSP_PORT": 8600}, csrf=False,
                   headers={"X-CSRF-Token": "x" * 43})
        check(r.status == 403, "wrong token: %r" % r)
        r = c.raw("PUT", "/api/config", body={"RTSP_PORT": 8600})
        check(r.status == 403, "PUT without token: %r" % r)
        r = c.post("/api/auth/logout", csrf=False)
        check(r.status == 403, "logout without token: %r" % r)
        r = c.delete("/api/auth/tokens/whatever", csrf=False)
        check(r.status == 403, "DELETE without token: %r" % r)
        check(digest(env) == before, "config.env untouched by refused requests")
        check(c.get("/api/status").status == 200, "session still valid")

        # another session's token does not fit this session
        other = d.client()
        check(other.login().status == 200, "second login")
        r = c.post("/api/config", {"RTSP_PORT": 8600}, csrf=False,
                   headers={"X-CSRF-Token": other.csrf})
        check(r.status == 403, "token of another session: %r" % r)

        r = c.post("/api/config", {"RTSP_PORT": 8600})
        check(r.status == 200, "with the token: %r" % r)
        check("RTSP_PORT=8600" in open(env).read(), "written")


run(test)

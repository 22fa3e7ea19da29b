#!/usr/bin/env python3
"""First run: only the setup route (and static files, health) work until the
administrator password is set; then setup is closed for good."""
import os
import shutil
import stat
import tempfile

from webtest import PASSWORD, Daemon, check, run


def test():
    root = tempfile.mkdtemp(prefix="rc-web-test-")
    try:
        first_run(root)
        # the password survives a restart
        with Daemon(root=root) as d:
            c = d.client()
            check(c.get("/api/auth/status").json()["setup_required"] is False, "still set up")
            check(c.login().status == 200, "login after restart")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def first_run(root):
    with Daemon(root=root) as d:
        c = d.client()
        r = c.get("/api/status")
        check(r.status == 403 and r.json()["error"] == "setup_required", "status before setup: %r" % r)
        r = c.post("/api/auth/login", {"password": PASSWORD}, csrf=False)
        check(r.status == 403 and r.json()["error"] == "setup_required", "login before setup: %r" % r)
        check(c.get("/").status == 200, "the UI must load for the setup page")
        check(c.get("/api/health").status == 200, "health")
        st = c.get("/api/auth/status").json()
        check(st["setup_required"] is True and st["authenticated"] is False, "auth status: %r" % st)

        r = c.post("/api/auth/setup", {"password": "short"}, csrf=False)
        check(r.status == 400 and r.json()["error"] == "weak_password", "weak password: %r" % r)
        r = c.post("/api/auth/setup", {"password": 12345678}, csrf=False)
        check(r.status == 400, "non-string password: %r" % r)
        check(not os.path.exists(d.path("etc/rpi-cam/web_auth.json")), "nothing written on refusal")

        r = c.setup()
        cookie = r.header("Set-Cookie")
        check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie,
              "cookie flags: %s" % cookie)
        check("Secure" not in cookie, "no Secure flag on plain HTTP")
        check(c.get("/api/status").status == 200, "logged in after setup")

        # closed for good, even for a logged-in client
        other = d.client()
        r = other.post("/api/auth/setup", {"password": "another password"}, csrf=False)
        check(r.status == 409, "second setup: %r" % r)
        r = c.post("/api/auth/setup", {"password": "another password"})
        check(r.status == 409, "setup with a session: %r" % r)

        path = d.path("etc/rpi-cam/web_auth.json")
        mode = stat.S_IMODE(os.stat(path).st_mode)
        check(mode == 0o600, "web_auth.json mode %o" % mode)
        text = open(path).read()
        check(PASSWORD not in text and "$argon2id$" in text, "stored hashed with argon2id")



run(test)

#!/usr/bin/env python3
"""Login with the right password opens a session; a wrong one does not;
logout ends the session on the server, not only in the browser."""
from webtest import PASSWORD, Daemon, check, run


def test():
    with Daemon() as d:
        d.client().setup()
        c = d.client()
        r = c.get("/api/status")
        check(r.status == 401 and r.json()["error"] == "unauthorized", "anonymous: %r" % r)
        check(r.header("WWW-Authenticate") is not None, "401 says how to authenticate")

        r = c.login("wrong password")
        check(r.status == 401 and r.json()["error"] == "invalid_credentials", "bad login: %r" % r)
        check(c.cookie is None, "no cookie on failure")
        r = c.login(PASSWORD, username="root")
        check(r.status == 401, "wrong user name: %r" % r)

        r = c.login(PASSWORD, username="admin")
        check(r.status == 200, "login: %r" % r)
        st = c.get("/api/auth/status").json()
        check(st["authenticated"] and st["via"] == "session" and st["csrf_token"] == c.csrf,
              "auth status: %r" % st)
        check(c.get("/api/status").status == 200, "status with a session")

        old_cookie = c.cookie
        r = c.post("/api/auth/logout")
        check(r.status == 200, "logout: %r" % r)
        check("Max-Age=0" in r.header("Set-Cookie"), "cookie cleared")
        # replaying the old cookie does not work either
        c.cookie = old_cookie
        check(c.get("/api/status").status == 401, "old session after logout")
        # an invented cookie neither
        c.cookie = "A" * 43
        check(c.get("/api/status").status == 401, "forged session")


run(test)

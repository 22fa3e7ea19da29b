#!/usr/bin/env python3
"""API tokens for scripts: created from a browser session, shown once,
stored hashed, accepted as Bearer without CSRF, revocable; a token cannot
mint tokens."""
from webtest import Daemon, check, run


def test():
    with Daemon() as d:
        admin = d.client()
        admin.setup()
        r = admin.post("/api/auth/tokens", {"name": "backup script"})
        check(r.status == 201, "create: %r" % r)
        tok = r.json()
        token, tid = tok["token"], tok["id"]
        check(token.startswith("rcw_"), "token format")
        check(token not in open(d.path("etc/rpi-cam/web_auth.json")).read(), "stored hashed")

        lst = admin.get("/api/auth/tokens").json()["tokens"]
        check(len(lst) == 1 and lst[0]["id"] == tid and "token" not in lst[0] and "hash" not in lst[0],
              "list: %r" % lst)

        script = d.client()
        script.bearer = token
        check(script.get("/api/status").status == 200, "GET with bearer")
        r = script.post("/api/config", {"VIDEOOUT_FPS": 20}, csrf=False)
        check(r.status == 200, "POST with bearer needs no CSRF: %r" % r)
        st = script.get("/api/auth/status").json()
        check(st["via"] == "token" and st["token_id"] == tid, "auth status: %r" % st)
        r = script.post("/api/auth/tokens", {"name": "more"}, csrf=False)
        check(r.status == 403 and r.json()["error"] == "session_required", "token minting: %r" % r)
        r = script.post("/api/auth/password", {"current_password": "x", "new_password": "yyyyyyyy"},
                        csrf=False)
        check(r.status == 403, "password change with a token: %r" % r)

        bad = d.client()
        bad.bearer = token[:-1] + ("A" if token[-1] != "A" else "B")
        check(bad.get("/api/status").status == 401, "wrong token")
        r = bad.raw("GET", "/api/status", headers={"Authorization": "Basic YWRtaW46eA=="})
        check(r.status == 401, "other schemes refused")
        # an Authorization header wins over a cookie: a bad one is refused
        r = admin.raw("GET", "/api/status", headers={"Authorization": "Bearer nope"})
        check(r.status == 401, "bad bearer with a good cookie: %r" % r)

        r = admin.delete("/api/auth/tokens/" + tid)
        check(r.status == 200, "revoke: %r" % r)
        check(script.get("/api/status").status == 401, "revoked token")
        check(admin.delete("/api/auth/tokens/" + tid).status == 404, "revoke twice")


run(test)

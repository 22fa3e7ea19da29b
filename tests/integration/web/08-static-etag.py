#!/usr/bin/env python3
"""Static UI files: ETag and Last-Modified, 304 on revalidation, gzip for
text types, the reference's /static/ prefix, 404 for what is not there."""
import gzip

from webtest import Daemon, check, run


def test():
    with Daemon() as d:
        c = d.client()
        r = c.get("/")
        check(r.status == 200 and b"<html" in r.body.lower(), "index: %r" % r)
        check(r.header("Content-Type").startswith("text/html"), "type")
        etag, lm = r.header("ETag"), r.header("Last-Modified")
        check(etag and lm, "validators: %r" % r.headers)
        check("default-src 'self'" in r.header("Content-Security-Policy"), "CSP")
        check(r.header("X-Content-Type-Options") == "nosniff", "nosniff")

        r = c.get("/", headers={"If-None-Match": etag})
        check(r.status == 304 and r.body == b"", "If-None-Match: %r" % r)
        r = c.get("/", headers={"If-None-Match": '"other", ' + etag})
        check(r.status == 304, "list")
        r = c.get("/", headers={"If-Modified-Since": lm})
        check(r.status == 304, "If-Modified-Since: %r" % r)
        r = c.get("/", headers={"If-None-Match": '"stale"'})
        check(r.status == 200, "stale etag")

        plain = c.get("/js/app.js")
        check(plain.status == 200 and plain.header("Content-Encoding") is None, "plain js")
        check(plain.header("Content-Type").startswith("text/javascript"), "js type")
        gz = c.get("/js/app.js", headers={"Accept-Encoding": "gzip"})
        check(gz.header("Content-Encoding") == "gzip", "gzip: %r" % gz.headers)
        check(gzip.decompress(gz.body) == plain.body, "same content")
        check(gz.header("Vary") == "Accept-Encoding", "Vary")
        check(c.get("/static/js/app.js").body == plain.body, "/static/ prefix")
        check(c.get("/locales/fr.json").status == 200, "locale")

        r = c.get("/nope.html")
        check(r.status == 404 and r.header("Content-Type").startswith("text/html"), "404 page")
        r = c.get("/api/nope")
        check(r.status == 404 and r.json() == {"success": False, "error": "Endpoint not found",
                                               "path": "/api/nope"}, "api 404: %r" % r)
        r = c.raw("POST", "/index.html", body="x")
        check(r.status == 405, "POST on a file: %r" % r)


run(test)

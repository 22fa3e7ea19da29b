#!/usr/bin/env python3
"""Login brute force: after 5 failures an address is locked out (429 with
Retry-After), even with the right password; other addresses are not."""
from webtest import PASSWORD, Daemon, check, run


def test():
    with Daemon() as d:
        d.client().setup()
        attacker = d.client()
        for i in range(5):
            r = attacker.login("guess %d" % i)
            check(r.status == 401, "failure %d: %r" % (i, r))
        r = attacker.login(PASSWORD)
        check(r.status == 429, "locked out: %r" % r)
        body = r.json()
        check(body["error"] == "rate_limited" and body["retry_after"] >= 1, "body: %r" % body)
        check(int(r.header("Retry-After")) >= 1, "Retry-After header")
        check(attacker.cookie is None, "no session while locked out")

        # 127.0.0.2 is another loopback address: another client
        friend = d.client(source=("127.0.0.2", 0))
        r = friend.login(PASSWORD)
        check(r.status == 200, "another address still logs in: %r" % r)


run(test)

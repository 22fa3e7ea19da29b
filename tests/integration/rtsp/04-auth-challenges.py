#!/usr/bin/env python3
"""RTSP_AUTH_METHOD: the 401 offers exactly the configured challenges, and a
raw Basic or Digest answer is accepted only when that method is enabled and
the password is right (the reference never offered Digest)."""
import base64

from rtspit import Daemon, check, digest_header, rtsp_request

USER, PASSWORD = "viewer", "s3cr3t pass"
EXPECTED = {"basic": {"Basic"}, "digest": {"Digest"}, "both": {"Basic", "Digest"}}

with Daemon({"STREAM_SOURCE_MODE": "demo", "RTSP_USER": USER, "RTSP_PASSWORD": PASSWORD,
             "RTSP_REALM": "Test Realm", "AUDIO_ENABLE": "no"}) as d:
    d.wait_state("streaming")
    for method, schemes in EXPECTED.items():
        # one daemon, the method changed by SIGHUP (which is tested too)
        d.reconfigure({"RTSP_AUTH_METHOD": method})
        url = d.url()
        r = rtsp_request(d.port, "DESCRIBE", url)
        check(r.status == 401, f"{method}: no credentials gave {r.status}")
        offered = {c.split()[0] for c in r.all("WWW-Authenticate")}
        check(offered == schemes, f"{method}: challenges {r.all('WWW-Authenticate')}")
        for c in r.all("WWW-Authenticate"):
            check('realm="Test Realm"' in c, f"{method}: realm missing in {c}")

        for password, good in ((PASSWORD, True), ("wrong", False)):
            token = base64.b64encode(f"{USER}:{password}".encode()).decode()
            r = rtsp_request(d.port, "DESCRIBE", url,
                             headers=[("Authorization", "Basic " + token),
                                      ("Accept", "application/sdp")])
            want = 200 if good and "Basic" in schemes else 401
            check(r.status == want, f"{method}: basic {password!r} gave {r.status}")

        if "Digest" in schemes:
            challenge = [c for c in r.all("WWW-Authenticate") if c.startswith("Digest")]
            if not challenge:
                challenge = [c for c in rtsp_request(d.port, "DESCRIBE", url)
                             .all("WWW-Authenticate") if c.startswith("Digest")]
            for password, want in ((PASSWORD, 200), ("wrong", 401)):
                auth = digest_header(challenge[0], USER, password, "DESCRIBE", url)
                r = rtsp_request(d.port, "DESCRIBE", url,
                                 headers=[("Authorization", auth),
                                          ("Accept", "application/sdp")])
                check(r.status == want, f"{method}: digest {password!r} gave {r.status}")
                if want == 200:
                    check(b"m=video" in r.body, f"{method}: no SDP: {r.body!r}")
print("ok")

#!/usr/bin/env python3
"""Exit codes and help: 0 ok, 1 failure, 2 usage; --help for every command."""
import subprocess

from rcit import RPI_CAM, Root, check, run_test


def run(root, *args):
    return subprocess.run([RPI_CAM] + list(args), env=root.env, capture_output=True,
                          text=True, timeout=30)


def test(root):
    p = run(root)
    check(p.returncode == 2 and "Usage" in p.stderr, "no arguments")
    p = run(root, "--help")
    check(p.returncode == 0 and "Commands" in p.stdout, "--help")
    p = run(root, "frobnicate")
    check(p.returncode == 2 and "unknown command 'frobnicate'" in p.stderr, p.stderr)
    p = run(root, "version")
    check(p.returncode == 0 and p.stdout.startswith("rpi-cam "), p.stdout)
    for cmd in ("run", "status", "service", "config", "check", "logs", "version"):
        p = run(root, cmd, "--help")
        check(p.returncode == 0 and "Usage" in p.stdout, f"{cmd} --help: {p.stdout!r}")
        if cmd != "version":
            check("--root" in p.stdout, f"{cmd} --help lacks --root")
    p = run(root, "status", "--bogus")
    check(p.returncode == 2 and "--help" in p.stderr, p.stderr)
    p = run(root, "logs", "-n", "-4", "--root", root.path)
    check(p.returncode == 2, "negative -n accepted")


run_test(test)

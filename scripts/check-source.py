#!/usr/bin/env python3
"""House rules that the compiler does not check (docs/development.md):
no shell (system/popen), no unbounded string functions, no // comments,
no mutable file-scope statics outside the files allowed to hold one."""
import re
import subprocess
import sys

BANNED_CALLS = {
    "system": "run programs through rc-exec (argv, timeout), never a shell",
    "popen": "run programs through rc-exec (argv, timeout), never a shell",
    "sprintf": "use g_strdup_printf / g_snprintf",
    "vsprintf": "use g_strdup_vprintf",
    "strcpy": "use g_strlcpy / g_strdup",
    "strcat": "use g_strlcat / GString",
    "gets": "never",
    "atoi": "use g_ascii_string_to_signed (errors are detected)",
}


def strip_code(text):
    """Blank out comments, string and char literals, keeping line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "--", "src/*.c", "src/*.h"],
        capture_output=True, text=True, check=True).stdout.split()
    problems = []
    for path in files:
        try:
            text = open(path, encoding="utf-8").read()
        except FileNotFoundError:
            continue
        code = strip_code(text)
        for lineno, line in enumerate(code.splitlines(), 1):
            if "//" in line:
                problems.append(f"{path}:{lineno}: // comment: use /* */")
            for name, why in BANNED_CALLS.items():
                if re.search(r"(?<![\w.>])" + name + r"\s*\(", line):
                    problems.append(f"{path}:{lineno}: {name}(): {why}")
    for p in problems:
        print(p)
    print(f"check-source: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

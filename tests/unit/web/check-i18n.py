#!/usr/bin/env python3
"""The web UI has no hard-coded user-facing strings: every text in
index.html carries a data-i18n key, the JS only shows text through t(), and
every key used exists in both locales (fr, en), which have the same keys."""
import html.parser
import json
import os
import re
import sys

ROOT = os.path.join(os.environ.get("RC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../../..")),
                    "data", "web")
LOCALES = ("fr", "en")
problems = []


def flatten(node, prefix=""):
    out = {}
    for k, v in node.items():
        key = prefix + k
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def load(lang):
    with open(os.path.join(ROOT, "locales", lang + ".json"), encoding="utf-8") as f:
        data = json.load(f)
    data.pop("_meta", None)
    return flatten(data)


locales = {lang: load(lang) for lang in LOCALES}
keys = set(locales["fr"])
for lang in LOCALES:
    other = set(locales[lang])
    for k in sorted(keys - other):
        problems.append("%s.json lacks %s" % (lang, k))
    for k in sorted(other - keys):
        problems.append("%s.json has %s that fr.json lacks" % (lang, k))
    for k, v in locales[lang].items():
        if not isinstance(v, str) or not v.strip():
            problems.append("%s.json: %s is empty or not text" % (lang, k))
    # placeholders must match across languages
for k in keys & set(locales["en"]):
    a = set(re.findall(r"\{(\w+)\}", locales["fr"][k]))
    b = set(re.findall(r"\{(\w+)\}", locales["en"][k]))
    if a != b:
        problems.append("placeholders differ for %s: fr %s, en %s" % (k, sorted(a), sorted(b)))

used = set()
prefixes = set()


class Html(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("data-i18n", "data-i18n-placeholder", "data-i18n-title", "data-i18n-aria-label"):
            if name in a:
                used.add(a[name])
        for name in ("placeholder", "title", "aria-label", "alt"):
            if name in a and re.search(r"[A-Za-zÀ-ÿ]{2,}", a[name] or "") and \
                    "data-i18n-" + (name if name != "aria-label" else "aria-label") not in a:
                problems.append("index.html: <%s %s=%r> is hard-coded" % (tag, name, a[name]))
        if tag not in ("meta", "link", "input", "br", "img"):
            self.stack.append((tag, "data-i18n" in a))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        text = data.strip()
        if not text or not self.stack:
            return
        tag, has_key = self.stack[-1]
        if tag in ("script", "style"):
            return
        if not has_key and re.search(r"[A-Za-zÀ-ÿ]", text):
            problems.append("index.html: text %r in <%s> has no data-i18n" % (text[:40], tag))


with open(os.path.join(ROOT, "index.html"), encoding="utf-8") as f:
    Html().feed(f.read())

LITERAL_KEY = re.compile(r"""\bt\(\s*(['"])([\w.-]+)\1""")
TEMPLATE_KEY = re.compile(r"""\bt\(\s*`([\w.-]*)\$\{""")
ATTR_KEY = re.compile(r"""'data-i18n'\s*:\s*(['"])([\w.-]+)\1""")
# text shown without t(): assignments of literals with words, alert/confirm
# of literals, and innerHTML at all
BAD = [
    (re.compile(r"""\.(textContent|innerText|placeholder|title)\s*=\s*(['"`])[^'"`]*[A-Za-zÀ-ÿ]{2,}"""), "literal text"),
    (re.compile(r"""\b(alert|confirm|prompt)\(\s*(['"`])"""), "literal dialog text"),
    (re.compile(r"""\.innerHTML\b|insertAdjacentHTML|document\.write"""), "HTML injection API"),
    (re.compile(r"""\bh\(\s*'\w+'\s*,\s*\{[^}]*\}\s*,\s*(['"])[^'"]*[A-Za-zÀ-ÿ]{3,}[^'"]*\1"""), "literal text child"),
]

for dirpath, _, files in os.walk(os.path.join(ROOT, "js")):
    for name in sorted(files):
        if not name.endswith(".js"):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, ROOT)
        text = open(path, encoding="utf-8").read()
        code = "\n".join("" if l.strip().startswith("//") else l for l in text.splitlines())
        for m in LITERAL_KEY.finditer(code):
            used.add(m.group(2))
        for m in ATTR_KEY.finditer(code):
            used.add(m.group(2))
        for m in TEMPLATE_KEY.finditer(code):
            prefixes.add(m.group(1))
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip().startswith("//"):
                continue
            for rx, what in BAD:
                if rx.search(line):
                    problems.append("%s:%d: %s: %s" % (rel, lineno, what, line.strip()[:100]))

for k in sorted(used):
    for lang in LOCALES:
        if k not in locales[lang]:
            problems.append("key %s is used but missing from %s.json" % (k, lang))
# families the code only uses after has(): translations that may be absent
OPTIONAL_FAMILIES = {"help."}
for p in sorted(prefixes - OPTIONAL_FAMILIES):
    for lang in LOCALES:
        if p and not any(k.startswith(p) for k in locales[lang]):
            problems.append("key family %s* is used but missing from %s.json" % (p, lang))

for p in problems:
    print(p)
print("check-i18n: %d keys, %d used, %d families, %d problems" % (len(keys), len(used), len(prefixes), len(problems)))
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""spacing-pool: the word spacing of justified lines over many PDFs at once.

    scripts/spacing-pool.py LABEL DIR [LABEL DIR ...]

Reads every DIR/*.pdf with ../shared/tools/spacing.py (MuPDF's reading of the
PDF, never galley's code) and pools the justified full lines of all of them:
the 50th and 95th percentiles and the maximum of a line's mean interword gap
(in em), the maximum again without lines holding an unbreakable string (a
word of 30 characters or more: URLs, long identifiers), counted over lines
at the usual text size of the documents (code and preformatted text, set
smaller with their own spaces, are left out), hyphenated lines and the
longest run of them; overfull lines as spacing.py counts them (of any size:
a title or running head that ends in the gap between two columns counts),
and again at the usual text size without an unbreakable string (over*; the
JSON lists the overfull lines of other sizes). One line per label, and a
JSON object per label on standard error.
"""
import importlib.util
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
tool = os.path.join(here, "..", "..", "shared", "tools", "spacing.py")
spec = importlib.util.spec_from_file_location("spacing", tool)
spacing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(spacing)


def pct(vals, p):
    return spacing.pct_linear(vals, p) if vals else float("nan")


def unbreakable(text):
    return max((len(w) for w in text.split()), default=0) >= 30


def pool(folder):
    lines, over, overfull, runs, files = [], [], 0, 0, 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pdf"):
            continue
        files += 1
        doc = spacing.read_stext(os.path.join(folder, name))
        spacing.DEBUG_LINES = []
        res = spacing.measure(doc)
        overfull += res["overfull_lines"]
        runs = max(runs, res["longest_hyphen_run"])
        lines += [d["line"] for d in spacing.DEBUG_LINES if d.get("full")]
        # spacing.py's overfull lines again, with their size and text
        over += [d["line"] for d in spacing.DEBUG_LINES if "line" in d and d["justified"] and not d["span"]
                 and d["line"]["x1"] - d["edge"] > spacing.OVERFULL_PT]
        spacing.DEBUG_LINES = None
    # body text only: lines at the usual text size over all the documents
    # (code and preformatted text, set smaller, keep their own spaces)
    sizes = {}
    for ln in lines:
        sizes[round(ln["size"])] = sizes.get(round(ln["size"]), 0) + 1
    body = max(sizes, key=sizes.get) if sizes else 0
    means, clean_max, gaps_max, hyph = [], 0.0, 0.0, 0
    for ln in lines:
        if abs(ln["size"] - body) > 0.6:
            continue
        m = sum(ln["gaps"]) / len(ln["gaps"])
        means.append(m)
        hyph += bool(ln["hyphen"])
        gaps_max = max(gaps_max, m)
        if not unbreakable(ln["text"]):
            clean_max = max(clean_max, m)
    body_over = [ln for ln in over if abs(ln["size"] - body) <= 0.6]
    clean_over = [ln for ln in body_over if not unbreakable(ln["text"])]
    return {"files": files, "full_lines": len(means), "p50": pct(means, 0.5), "p95": pct(means, 0.95),
            "max": gaps_max, "max_without_unbreakable": clean_max, "overfull": overfull,
            "overfull_body": len(body_over), "overfull_body_without_unbreakable": len(clean_over),
            "overfull_other_sizes": sorted({ln["text"][-50:] for ln in over if abs(ln["size"] - body) > 0.6}),
            "hyphenated_share": hyph / len(means) if means else 0, "longest_hyphen_run": runs}


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{'':10} {'files':>5} {'lines':>6} {'p50':>6} {'p95':>6} {'max':>6} {'max*':>6} {'overfull':>8} {'over*':>5} {'hyph%':>6} {'run':>4}")
    for label, folder in zip(argv[::2], argv[1::2]):
        r = pool(folder)
        print(f"{label:10} {r['files']:5d} {r['full_lines']:6d} {r['p50']:6.3f} {r['p95']:6.3f} {r['max']:6.3f} "
              f"{r['max_without_unbreakable']:6.3f} {r['overfull']:8d} {r['overfull_body_without_unbreakable']:5d} "
              f"{100 * r['hyphenated_share']:6.1f} {r['longest_hyphen_run']:4d}")
        print(json.dumps({"label": label, **r}), file=sys.stderr)
    print("(em; max* leaves out lines holding a word of 30 characters or more; overfull counts lines of\n"
          " any size, as spacing.py does, over* those at the body text size without such a word)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

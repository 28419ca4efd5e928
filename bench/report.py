#!/usr/bin/env python3
"""Summarise bench/build.sh results: the last record per (label, n) as a
Markdown table with the ratios the performance targets name.

    bench/report.py /tmp/bench/handover-results/runs.jsonl
"""
import json
import sys


def main():
    last = {}
    with open(sys.argv[1]) as f:
        for line in f:
            r = json.loads(line)
            last[(r["label"], r["n"])] = r
    sizes = sorted({n for _, n in last})
    labels = ["handover", "handover-cache0", "handover-edit", "copy-output", "link-output", "hugo", "pagefind", "floor-2workers"]
    print("| pages | job | wall median [min–max] | user + sys | peak RSS |")
    print("|---|---|---|---|---|")
    for n in sizes:
        for label in labels:
            r = last.get((label, n))
            if r:
                print(f"| {n:,} | {label} | **{r['wall_median']:.2f} s** [{r['wall_min']:.2f}–{r['wall_max']:.2f}] "
                      f"| {r['user_median']:.1f} + {r['sys_median']:.1f} s | {r['rss_median_kb'] / 1024:.0f} MiB |")
    print()
    print("| pages | handover / Hugo | handover / (Hugo + Pagefind) | handover / floor | edit / cold | copy-output / cold | link-output / cold | RSS handover / Hugo |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        def w(label):
            r = last.get((label, n))
            return r["wall_median"] if r else None

        def ratio(a, b):
            return f"{a / b:.2f}×" if a and b else "–"
        h, hu, pf, fl, ed = w("handover"), w("hugo"), w("pagefind"), w("floor-2workers"), w("handover-edit")
        cp, ln = w("copy-output"), w("link-output")
        rss = lambda label: last[(label, n)]["rss_median_kb"] if (label, n) in last else None
        print(f"| {n:,} | {ratio(h, hu)} | {ratio(h, (hu + pf) if hu and pf else None)} | {ratio(h, fl)} "
              f"| {ratio(ed, h)} | {ratio(cp, h)} | {ratio(ln, h)} | {ratio(rss('handover'), rss('hugo'))} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Save-to-visible latency of `handover serve` (the peer figure for `hugo server`
comes from ../shared/bench/devserver.py, which measures the same thing).

    bench/devserver.py --handover bin/handover --site /tmp/corpus-10k --reps 20

Starts `handover serve` on 127.0.0.1 on a free port, waits for the first page
(cold start), then per repetition saves one page as an editor does (a temporary
file beside it, renamed over it; t0 = just before the write) with a unique marker
appended as a paragraph (--edit body), added to the page's title (--edit title)
or as a new `reviewed:` date (--edit front), and polls that page's URL until the
marker is in the HTML (t1). This is the server's side only: bench/preview
measures the same saves in Chromium, which is what the writer sees. Between
repetitions it sleeps a seeded random 0.2-0.7 s so rebuilds do not overlap. The
page is restored afterwards. Prints JSON with the median, p90, min and max in
milliseconds and the cold start time.
"""
import argparse, datetime, http.client, json, os, random, re, socket, statistics, subprocess, sys, time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(port, path):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", path, headers={"Cache-Control": "no-cache"})
        r = c.getresponse()
        return r.status, r.read()
    except OSError:
        return 0, b""


def save(path, text, i):
    """Writes text over path as an editor does: a temporary file beside it, renamed over it."""
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}-{i}.tmp")
    with open(tmp, "wb") as f:
        f.write(text)
    os.rename(tmp, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--handover", default="bin/handover")
    ap.add_argument("--site", required=True)
    ap.add_argument("--page", help="content-relative page; default: the first work instruction")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--edit", choices=["body", "title", "front"], default="body",
                    help="body: append a paragraph (the usual save); title: change the front matter's title, "
                         "which pages listing the page show too; front: another key of the front matter (reviewed)")
    a = ap.parse_args()
    page = a.page
    if not page:
        d = os.path.join(a.site, "content", "instructions")
        for root, _, files in sorted(os.walk(d)):
            md = sorted(f for f in files if f.endswith(".md") and f != "_index.md")
            if md:
                page = os.path.relpath(os.path.join(root, md[0]), os.path.join(a.site, "content"))
                break
    url = "/" + re.sub(r"\.md$", "/", page).lower().replace(" ", "-")
    path = os.path.join(a.site, "content", page)
    original = open(path, "rb").read()
    port = free_port()
    t = time.perf_counter()
    proc = subprocess.Popen([a.handover, "serve", "--quiet", "--port", str(port), a.site], stderr=subprocess.DEVNULL)
    try:
        while get(port, url)[0] != 200:
            if proc.poll() is not None:
                sys.exit("handover serve stopped")
            time.sleep(0.01)
        cold = time.perf_counter() - t
        rnd, lat = random.Random(a.seed), []
        for i in range(a.reps):
            time.sleep(0.2 + rnd.random() * 0.5)
            marker = f"marker-{a.seed}-{i}-{rnd.randrange(1 << 30)}"
            if a.edit == "body":
                text = original + f"\n\n{marker}\n".encode()
            elif a.edit == "title":
                text = re.sub(rb"(?m)^title: *(.*)$", lambda m: b"title: " + m.group(1).strip(b"'\"") + b" " + marker.encode(),
                              original, count=1)
            else:
                day = 1000 * a.seed + i
                marker = (datetime.date(2031, 1, 1) + datetime.timedelta(days=day)).isoformat()
                text = re.sub(rb"(?m)^reviewed:.*\n", b"", original)
                text = text.replace(b"\ntitle:", b"\nreviewed: " + marker.encode() + b"\ntitle:", 1)
            t0 = time.perf_counter()
            save(path, text, i)
            while marker.encode() not in get(port, url)[1]:
                time.sleep(0.001)
            lat.append((time.perf_counter() - t0) * 1000)
        lat.sort()
        print(json.dumps({"tool": "handover serve", "site": a.site, "edit": a.edit, "reps": a.reps, "cold_start_s": round(cold, 2),
                          "median_ms": round(statistics.median(lat), 1), "p90_ms": round(lat[int(0.9 * (len(lat) - 1))], 1),
                          "min_ms": round(lat[0], 1), "max_ms": round(lat[-1], 1)}))
    finally:
        open(path, "wb").write(original)
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()

package generator

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator/serve"
)

// liveServer runs Serve on a copy of the English example and returns its
// URL, the site folder and a counter of builds.
func liveServer(t *testing.T) (string, string, *atomic.Int32) {
	t.Helper()
	return liveServerOf(t, copySite(t, "en-small"), nil)
}

// liveServerOf runs Serve on the site folder dir, calling onBatch with
// every batch of changes the watcher delivers.
func liveServerOf(t *testing.T, dir string, onBatch func(paths []string, rescan bool)) (string, string, *atomic.Int32) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	builds := &atomic.Int32{}
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeOptions{Site: dir, Port: serve.AnyPort,
			OnReady: func(url string) { ready <- url },
			OnBuild: func(*Result, error) { builds.Add(1) },
			onBatch: onBatch})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case url := <-ready:
		return url, dir, builds
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", "", nil
}

// events connects to the live-reload stream and delivers its events.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"__handover/events", nil)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 64)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

// waitEvent returns the first event of kind whose data contains want.
func waitEvent(t *testing.T, ev <-chan string, kind, want string) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case e, ok := <-ev:
			if !ok {
				t.Fatalf("event stream closed while waiting for %s %q", kind, want)
			}
			if strings.HasPrefix(e, kind+" ") && strings.Contains(e, want) {
				return e
			}
		case <-deadline:
			t.Fatalf("no %s event with %q", kind, want)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeLive drives the dev server as a writer would: an editor-style
// save, a new page in a new folder, a deletion, a broken save and its fix,
// and a burst of edits.
func TestServeLive(t *testing.T) {
	url, dir, builds := liveServer(t)
	page := url + "processes/parcel-returns/"
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "__handover/events") {
		t.Fatalf("page: %d, live-reload client injected: %v", code, strings.Contains(body, "__handover/events"))
	}
	ev := events(t, url)
	waitEvent(t, ev, "hello", "")

	write(t, dir, "content/processes/parcel-returns.md", strings.Replace(mustRead(t, filepath.Join(dir, "content/processes/parcel-returns.md")), "\n---\n", "\n---\n\nSaved by the editor: kiwi.\n", 1))
	waitEvent(t, ev, "reload", "/processes/parcel-returns/")
	if _, body := get(t, page); !strings.Contains(body, "kiwi") {
		t.Error("the saved text is not served")
	}

	write(t, dir, "content/handbook/tools/scanner.md", "---\ntitle: Scanner\n---\n\nNew page.\n")
	waitEvent(t, ev, "reload", "/handbook/tools/scanner/")
	if code, _ := get(t, url+"handbook/tools/scanner/"); code != 200 {
		t.Errorf("new page in a new folder: status %d", code)
	}

	if err := os.Remove(filepath.Join(dir, "content/handbook/tools/scanner.md")); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, ev, "reload", "/handbook/tools/scanner/")
	if code, _ := get(t, url+"handbook/tools/scanner/"); code != 404 {
		t.Errorf("deleted page: status %d, want 404", code)
	}

	good := mustRead(t, filepath.Join(dir, "content/processes/parcel-returns.md"))
	write(t, dir, "content/processes/parcel-returns.md", "---\ntitle: [broken\n---\n")
	e := waitEvent(t, ev, "errors", "parcel-returns.md")
	if !strings.Contains(e, "front-matter") {
		t.Errorf("errors event without the rule: %s", e)
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "kiwi") || !strings.Contains(body, "parcel-returns.md") {
		t.Errorf("while broken the last good page must be served with the overlay (status %d)", code)
	}
	write(t, dir, "content/processes/parcel-returns.md", good)
	waitEvent(t, ev, "errors", "[]")

	before := builds.Load()
	for i := range 200 {
		p := filepath.Join(dir, "content", "burst", fmt.Sprintf("p%03d.md", i))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(fmt.Sprintf("---\ntitle: Burst %d\n---\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitEvent(t, ev, "reload", "/burst/p199/")
	time.Sleep(300 * time.Millisecond) // let a straggling batch arrive before counting
	if n := builds.Load() - before; n < 1 || n > 4 {
		t.Errorf("a burst of 200 files gave %d builds, want a few", n)
	}
	if code, _ := get(t, url+"burst/p123/"); code != 200 {
		t.Errorf("burst page: status %d", code)
	}
}

// TestServeTraversal sends raw requests that try to leave the site.
func TestServeTraversal(t *testing.T) {
	url, dir, _ := liveServer(t)
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	if err := os.WriteFile(secret, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	for _, p := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/\\..\\secret.txt",
		"//secret.txt", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/handover.yaml", "/people.yaml", "/content/processes/parcel-returns.md"} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
		resp, _ := io.ReadAll(conn)
		conn.Close()
		status := strings.SplitN(string(resp), "\r\n", 2)[0]
		if strings.Contains(string(resp), "SECRET") || strings.Contains(string(resp), "root:") || strings.Contains(string(resp), "people:") {
			t.Errorf("%s leaks a file outside the site: %s", p, status)
		}
		if strings.Contains(status, " 200 ") {
			t.Errorf("%s: %s, want an error status", p, status)
		}
	}
}

func TestOutputNoise(t *testing.T) {
	for rel, want := range map[string]bool{
		".public.lock":                  true,
		".public.new-3fa2c1/index.html": true,
		".public.new-3fa2c1":            true,
		".public.old-77aa01/x":          true,
		".public.spill-12":              true,
		"public":                        false, // excluded as a folder instead
		".publication.md":               false,
		"content/.public.lock":          false,
		"content/public.md":             false,
		"handover.yaml":                 false,
	} {
		if got := outputNoise(rel); got != want {
			t.Errorf("outputNoise(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestServeIgnoresBuildOutput: `handover build` into the site's own
// public/ writes the output, its lock and a staging folder beside the
// sources; none of that is a change the dev server rebuilds for.
func TestServeIgnoresBuildOutput(t *testing.T) {
	var mu sync.Mutex
	var batches [][]string
	url, dir, _ := liveServerOf(t, copySite(t, "en-small"), func(paths []string, rescan bool) {
		mu.Lock()
		defer mu.Unlock()
		batches = append(batches, paths)
	})
	get(t, url+"processes/parcel-returns/") // an open page: a change to it is announced
	ev := events(t, url)
	waitEvent(t, ev, "hello", "")
	if _, err := Build(context.Background(), Options{Site: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Fatalf("the build wrote no public/: %v", err)
	}
	// A save after the build: its batch comes after any the build caused.
	appendTo(t, dir, "content/processes/parcel-returns.md", "\nSaved after the build: mango.\n")
	waitEvent(t, ev, "reload", "/processes/parcel-returns/")
	mu.Lock()
	defer mu.Unlock()
	saw := false
	for _, b := range batches {
		for _, p := range b {
			saw = saw || p == "content/processes/parcel-returns.md"
			if p == "public" || strings.HasPrefix(p, "public/") || outputNoise(p) {
				t.Errorf("a batch of changes names the build's output %s: %q", p, b)
			}
		}
	}
	if !saw {
		t.Errorf("no batch names the saved page: %q", batches)
	}
}

// TestServeLabels: the dev server's own texts are in the site's language,
// from the start and after each build.
func TestServeLabels(t *testing.T) {
	nl := peekLabels(copySite(t, "nl-small"))
	if nl.Lang != "nl" || nl.Building != "De site wordt gebouwd; deze pagina laadt opnieuw zodra hij klaar is." || nl.Close != "Sluiten" {
		t.Errorf("labels before the first build of a Dutch site: %+v", nl)
	}
	if en := peekLabels(copySite(t, "en-small")); en.Lang != "en" || en.Close != "Close" {
		t.Errorf("labels before the first build of an English site: %+v", en)
	}
	if none := peekLabels(t.TempDir()); none != (serve.Labels{}) {
		t.Errorf("labels of a folder without handover.yaml: %+v, want none (English)", none)
	}

	url, dir, _ := liveServerOf(t, copySite(t, "nl-small"), nil)
	ev := events(t, url)
	waitEvent(t, ev, "hello", "")
	page := "content/processes/retourzending-verwerken.md"
	if _, err := os.Stat(filepath.Join(dir, page)); err != nil {
		entries, _ := filepath.Glob(filepath.Join(dir, "content", "processes", "*.md"))
		if len(entries) == 0 {
			t.Fatal("no process in nl-small")
		}
		page, _ = filepath.Rel(dir, entries[0])
		page = filepath.ToSlash(page)
	}
	write(t, dir, page, "---\ntitle: [kapot\n---\n")
	e := waitEvent(t, ev, "errors", "retourzendingen")
	if !strings.Contains(e, `"close":"Sluiten"`) || !strings.Contains(e, "de laatste goede versie blijft getoond") {
		t.Errorf("errors event of a Dutch site not in Dutch: %s", e)
	}
	if _, body := get(t, url); !strings.Contains(body, `aria-label="Sluiten"`) || !strings.Contains(body, "in de site; de laatste goede versie blijft getoond") {
		t.Errorf("the overlay in a served page is not in Dutch")
	}
}

// TestServeFirstBuildErrors starts the dev server on a site whose content
// has an error from the start: the pages are served under the error
// overlay, not a 404, and fixing the error clears it.
func TestServeFirstBuildErrors(t *testing.T) {
	dir := copySite(t, "en-small")
	write(t, dir, "content/handbook/broken.md", "---\ntitle: Broken\n---\n\nSee [the missing page](missing.md).\n")
	url, _, _ := liveServerOf(t, dir, nil)
	code, body := get(t, url+"processes/parcel-returns/")
	if code != 200 {
		t.Fatalf("first build with errors: status %d, want the page", code)
	}
	if !strings.Contains(body, "broken.md") || !strings.Contains(body, "missing.md") {
		t.Error("the page is served without the errors of the build")
	}
	if code, body := get(t, url+"handbook/broken/"); code != 200 || !strings.Contains(body, "missing.md") {
		t.Errorf("the page with the error: status %d, want it under the overlay", code)
	}
	ev := events(t, url)
	waitEvent(t, ev, "hello", "")
	write(t, dir, "content/handbook/broken.md", "---\ntitle: Broken\n---\n\nFixed: mango.\n")
	waitEvent(t, ev, "errors", "[]")
	waitEvent(t, ev, "reload", "/handbook/broken/")
	if _, body := get(t, url+"handbook/broken/"); !strings.Contains(body, "mango") {
		t.Error("the fixed page is not served")
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer that a running command writes to while the
// test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `handover serve args...` until the test ends and returns
// what it has printed so far, and a channel that is closed when it exits
// with the exit code in *code.
func startServe(t *testing.T, args ...string) (stderr *lockedBuffer, done <-chan struct{}, code *int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	exited := make(chan struct{})
	code = new(int)
	go func() {
		defer close(exited)
		*code = run(ctx, append([]string{"serve"}, args...), &env{stdout: io.Discard, stderr: stderr})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return stderr, exited, code
}

var servingRE = regexp.MustCompile(`serving .* on http://127\.0\.0\.1:(\d+)/`)

// TestServePortZero: --port 0 serves on a free port, not on 1313, and
// says which.
func TestServePortZero(t *testing.T) {
	site := writeSite(t, map[string]string{
		"handover.yaml":     "title: Nul\nlanguage: en\n",
		"content/_index.md": "---\ntitle: Home\n---\nHello.\n",
	})
	stderr, done, code := startServe(t, "--port", "0", site)
	var port int
	for start := time.Now(); port == 0; time.Sleep(10 * time.Millisecond) {
		if m := servingRE.FindStringSubmatch(stderr.String()); m != nil {
			port, _ = strconv.Atoi(m[1])
			break
		}
		select {
		case <-done:
			t.Fatalf("serve exited with %d:\n%s", *code, stderr.String())
		default:
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("serve printed no address:\n%s", stderr.String())
		}
	}
	if port == 1313 || port == 0 {
		t.Errorf("--port 0 served on port %d, want a free port chosen by the system", port)
	}
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/")
	if err != nil {
		t.Fatalf("the printed port does not answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET / on the printed port: status %d", resp.StatusCode)
	}
}

// TestServePortInUse: a port another program listens on is an error that
// says to try --port.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	site := writeSite(t, map[string]string{"handover.yaml": "title: Bezet\n"})
	stderr, done, code := startServe(t, "--port", port, site)
	select {
	case <-done:
		if *code == exitOK {
			t.Errorf("serve on a port in use exited 0")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve on a port in use did not stop")
	}
	if out := stderr.String(); !strings.Contains(out, "port "+port) || !strings.Contains(out, "--port") {
		t.Errorf("stderr does not name port %s and say to try --port:\n%s", port, out)
	}
}

// TestServePrintsNewDiagnostics: the first build prints every diagnostic;
// a save prints only those it added, not the thousands a large site has
// on every build again.
func TestServePrintsNewDiagnostics(t *testing.T) {
	site := writeSite(t, map[string]string{
		"handover.yaml":          "title: Eens\nlanguage: en\nchecks:\n  commitment-missing: off\n  rhythm-missing: off\n  review-missing: off\n",
		"people.yaml":            "people:\n  - id: jan\n",
		"content/processes/p.md": "---\ntitle: P\nowner: jan\n---\nText.\n",
	})
	stderr, _, _ := startServe(t, "--port", "0", site)
	builds := func() int { return strings.Count(stderr.String(), "handover: built ") }
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for start := time.Now(); !ok(); time.Sleep(10 * time.Millisecond) {
			if time.Since(start) > 20*time.Second {
				t.Fatalf("no %s:\n%s", what, stderr.String())
			}
		}
	}
	waitFor("first build", func() bool { return builds() == 1 })
	if n := strings.Count(stderr.String(), "(missing-sponsor)"); n != 1 {
		t.Fatalf("first build printed the missing sponsor %d times:\n%s", n, stderr.String())
	}
	p := filepath.Join(site, "content", "processes", "p.md")
	if err := os.WriteFile(p, []byte("---\ntitle: P\nowner: jan\n---\nText with <b>markup</b>.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("second build", func() bool { return builds() == 2 })
	out := stderr.String()
	if n := strings.Count(out, "(missing-sponsor)"); n != 1 {
		t.Errorf("the warning of every build printed %d times after a save:\n%s", n, out)
	}
	if !strings.Contains(out, "(raw-html)") {
		t.Errorf("the warning the save added is not printed:\n%s", out)
	}
}

package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// testSite is a small built site.
func testSite() map[string][]byte {
	return map[string][]byte{
		"index.html":             []byte("<html><body><h1>Home</h1></body></html>"),
		"processes/index.html":   []byte("<html><body><h1>Processes</h1></body></html>"),
		"processes/x/index.html": []byte("<html><body><h1>Process X</h1></body></html>"),
		"404.html":               []byte("<html><body><h1>Page not found</h1></body></html>"),
		"style.css":              []byte("body{color:#333}"),
		"calendar.ics":           []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
	}
}

// startServer starts a Server on a free loopback port with files
// published and returns it with its base URL, "http://127.0.0.1:PORT".
func startServer(t *testing.T, files map[string][]byte) (*Server, string) {
	t.Helper()
	var log bytes.Buffer
	s := New(Options{Port: AnyPort, Logger: &log})
	if files != nil {
		s.Publish(files)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr, err := s.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := s.Wait(); err != nil {
			t.Errorf("server stopped with %v", err)
		}
		if log.Len() > 0 {
			t.Errorf("unexpected log output: %s", log.String())
		}
	})
	return s, "http://" + addr
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       5 * time.Second,
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestServe(t *testing.T) {
	_, base := startServer(t, testSite())
	tests := []struct {
		path, method string
		status       int
		ctype        string
		location     string
		body         []string // substrings the body must have
	}{
		{"/", "GET", 200, "text/html; charset=utf-8", "", []string{"<h1>Home</h1>", "/__handover/events"}},
		{"/processes/x/", "GET", 200, "text/html; charset=utf-8", "", []string{"Process X"}},
		{"/processes/x/index.html", "GET", 200, "text/html; charset=utf-8", "", []string{"Process X"}},
		{"/processes/x", "GET", 302, "", "/processes/x/", nil},
		{"/processes?q=a", "GET", 302, "", "/processes/?q=a", nil},
		{"/style.css", "GET", 200, "text/css; charset=utf-8", "", []string{"body{color:#333}"}},
		{"/calendar.ics", "GET", 200, "text/calendar; charset=utf-8", "", []string{"VCALENDAR"}},
		{"/gone/", "GET", 404, "text/html; charset=utf-8", "", []string{"Page not found", "/__handover/events", `"status":404`}},
		{"/", "HEAD", 200, "text/html; charset=utf-8", "", nil},
		{"/", "POST", 405, "", "", nil},
		{"/", "PUT", 405, "", "", nil},
		{"/", "DELETE", 405, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, base+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if tt.status == 200 && resp.Header.Get("Cache-Control") != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", resp.Header.Get("Cache-Control"))
			}
			if tt.method == "HEAD" && (len(body) != 0 || resp.ContentLength <= 0) {
				t.Errorf("HEAD: body %d bytes, Content-Length %d", len(body), resp.ContentLength)
			}
			for _, w := range tt.body {
				if !strings.Contains(string(body), w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
		})
	}
}

// rawGet sends a request line exactly as given, since an HTTP client
// would clean some of these paths before sending them.
func rawGet(t *testing.T, addr, target, host string) (status int, body string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestTraversal(t *testing.T) {
	site := testSite()
	site["secret/index.html"] = []byte("<body>inside secret</body>") // a folder the traversals aim past
	_, base := startServer(t, site)
	addr := strings.TrimPrefix(base, "http://")
	targets := []string{
		"/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/a%2f..%2f..%2fetc%2fpasswd",
		"/..%5c..%5cetc%5cpasswd",
		`/\..\etc\passwd`,
		`/..\..\..\etc\passwd`,
		"//etc/passwd",
		"///etc/passwd",
		"/etc/passwd%00.html",
		"/index.html%00",
		"/./../.././etc/passwd",
		"/processes/..%2f..%2f..%2fetc/passwd",
		"/%252e%252e/etc/passwd",
		"/C:/Windows/win.ini",
		"/C:%5cWindows%5cwin.ini",
		"http://127.0.0.1/../../etc/passwd",
		"/__handover/../../etc/passwd",
	}
	for _, target := range targets {
		status, body := rawGet(t, addr, target, addr)
		if status == http.StatusOK || strings.Contains(body, "root:") {
			t.Errorf("GET %s: status %d, body %.80q", target, status, body)
		}
		if status != http.StatusNotFound && status != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 404 or 400", target, status)
		}
	}
	// A path that walks out and back in stays in the site.
	if status, body := rawGet(t, addr, "/processes/../secret/", addr); status != 200 || !strings.Contains(body, "inside secret") {
		t.Errorf("in-site dot-dot: status %d, body %.80q", status, body)
	}
}

func TestForeignHost(t *testing.T) {
	_, base := startServer(t, testSite())
	addr := strings.TrimPrefix(base, "http://")
	tests := []struct {
		host string
		want int
	}{
		{addr, 200},
		{"localhost" + addr[strings.LastIndex(addr, ":"):], 200},
		{"attacker.example:1313", 403},
	}
	for _, tt := range tests {
		if status, _ := rawGet(t, addr, "/", tt.host); status != tt.want {
			t.Errorf("Host %q: status %d, want %d", tt.host, status, tt.want)
		}
	}
}

func TestBeforeFirstPublish(t *testing.T) {
	s, base := startServer(t, nil)
	resp, body := get(t, base+"/")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "/__handover/events") {
		t.Errorf("before publish: status %d, body %q", resp.StatusCode, body)
	}
	s.Publish(testSite())
	if resp, body := get(t, base+"/"); resp.StatusCode != 200 || !strings.Contains(body, "Home") {
		t.Errorf("after publish: status %d, body %q", resp.StatusCode, body)
	}
}

func TestOpenBindWarns(t *testing.T) {
	var log bytes.Buffer
	s := New(Options{Bind: "0.0.0.0", Port: AnyPort, Logger: &log})
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "warning: listening on") {
		t.Errorf("log = %q, want a warning", log.String())
	}
}

func TestPortInUse(t *testing.T) {
	_, base := startServer(t, testSite())
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	var p int
	fmt.Sscan(port, &p)
	s := New(Options{Port: p})
	_, err := s.Start(context.Background())
	var inUse *PortInUseError
	switch {
	case err == nil:
		t.Fatal("Start on a port in use succeeded")
	case !errors.As(err, &inUse) || inUse.Port != p:
		t.Errorf("Start on a port in use: %v (%T), want a PortInUseError for port %d", err, err, p)
	case !strings.Contains(err.Error(), "try another with --port") || !strings.Contains(err.Error(), port):
		t.Errorf("the error %q does not name the port and say to try --port", err)
	}
}

// TestMorphFetch: the client's own fetch of the open page (to morph it)
// gets the page without the client and overlay, which it has already.
func TestMorphFetch(t *testing.T) {
	s, base := startServer(t, testSite())
	s.SetErrors([]Problem{{File: "content/x.md", Level: "error", Message: "broken"}})
	req, _ := http.NewRequest("GET", base+"/processes/x/", nil)
	req.Header.Set(morphHeader, "1")
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != string(testSite()["processes/x/index.html"]) {
		t.Errorf("morph fetch got %q, want the page as built", body)
	}
	if _, plain := get(t, base+"/processes/x/"); !strings.Contains(plain, "data-handover") || !strings.Contains(plain, "__handover-overlay") {
		t.Error("an ordinary request did not get the client and the overlay")
	}
}

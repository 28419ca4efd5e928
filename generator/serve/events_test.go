package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// sse is one received Server-Sent Event.
type sse struct {
	name, data string
}

// stream connects to the server's event stream and delivers its events
// on the returned channel, after checking the hello and errors events
// that start every stream.
func stream(t *testing.T, base string) <-chan sse {
	t.Helper()
	return streamFor(t, base, "")
}

// streamFor is stream for the page at the URL path page (the query the
// client sends).
func streamFor(t *testing.T, base, page string) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	q := ""
	if page != "" {
		q = "?page=" + url.QueryEscape(page)
	}
	req, err := http.NewRequestWithContext(ctx, "GET", base+eventsPath+q, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("event stream: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	events := make(chan sse, 16)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		var e sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				events <- e
				e = sse{}
			}
		}
	}()
	for _, want := range []string{"hello", "errors"} {
		if e := next(t, events); e.name != want {
			t.Fatalf("stream starts with %q, want %q", e.name, want)
		}
	}
	return events
}

func next(t *testing.T, events <-chan sse) sse {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("event stream ended")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return sse{}
}

func none(t *testing.T, events <-chan sse, what string) {
	t.Helper()
	select {
	case e := <-events:
		t.Errorf("%s: got event %q %s, want none", what, e.name, e.data)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestReloadEvents(t *testing.T) {
	s, base := startServer(t, testSite())
	events := stream(t, base)

	s.Publish(testSite())
	none(t, events, "identical content")

	site := testSite()
	site["processes/x/index.html"] = []byte("<html><body><h1>Process X, changed</h1></body></html>")
	delete(site, "style.css")
	site["risks/new/index.html"] = []byte("<body>new</body>")
	s.Publish(site)
	e := next(t, events)
	var reload struct {
		Changed []string
		Version string
	}
	if err := json.Unmarshal([]byte(e.data), &reload); err != nil || e.name != "reload" {
		t.Fatalf("event %q %s (%v), want reload", e.name, e.data, err)
	}
	if want := []string{"/processes/x/", "/risks/new/", "/style.css"}; !slices.Equal(reload.Changed, want) {
		t.Errorf("changed %q, want %q", reload.Changed, want)
	}
	if resp, body := get(t, base+"/processes/x/"); resp.StatusCode != 200 || !strings.Contains(body, "changed") {
		t.Errorf("after publish: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, base+"/style.css"); resp.StatusCode != 404 {
		t.Errorf("removed file: status %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(get2(t, base+"/"), `"version":"`+reload.Version+`"`) {
		t.Errorf("pages do not carry the new version %q", reload.Version)
	}
}

// TestReloadEventPage: a stream opened for a page gets the page's new
// version with the event that announces it (without the client), or its
// status when it is gone; other streams and other pages' do not.
func TestReloadEventPage(t *testing.T) {
	s, base := startServer(t, testSite())
	plain := stream(t, base)
	mine := streamFor(t, base, "/processes/x/")
	other := streamFor(t, base, "/processes/")
	indexed := streamFor(t, base, "/processes/x/index.html")

	site := testSite()
	site["processes/x/index.html"] = []byte("<html><body><h1>Process X, changed</h1></body></html>")
	s.Publish(site)
	type reload struct {
		Changed []string
		Page    *struct {
			Status int
			HTML   string
		}
	}
	decode := func(e sse) reload {
		var r reload
		if err := json.Unmarshal([]byte(e.data), &r); err != nil || e.name != "reload" {
			t.Fatalf("event %q %s (%v), want reload", e.name, e.data, err)
		}
		return r
	}
	for _, c := range []struct {
		name   string
		events <-chan sse
		want   string
	}{{"the page's", mine, string(site["processes/x/index.html"])}, {"index.html's", indexed, string(site["processes/x/index.html"])},
		{"another page's", other, ""}, {"no page's", plain, ""}} {
		r := decode(next(t, c.events))
		switch {
		case c.want == "" && r.Page != nil:
			t.Errorf("%s stream got a page: %+v", c.name, r.Page)
		case c.want != "" && (r.Page == nil || r.Page.Status != 200 || r.Page.HTML != c.want):
			t.Errorf("%s stream got %+v, want the new page as built", c.name, r.Page)
		}
		if !slices.Equal(r.Changed, []string{"/processes/x/"}) {
			t.Errorf("%s stream: changed %q", c.name, r.Changed)
		}
	}

	delete(site, "processes/x/index.html")
	s.Publish(site)
	if r := decode(next(t, mine)); r.Page == nil || r.Page.Status != 404 || r.Page.HTML != "" {
		t.Errorf("the page's stream after the page went: %+v, want status 404", r.Page)
	}
}

func get2(t *testing.T, url string) string {
	t.Helper()
	_, body := get(t, url)
	return body
}

func TestManyChangesReloadAll(t *testing.T) {
	s, base := startServer(t, testSite())
	events := stream(t, base)
	site := testSite()
	for i := range maxChangedPaths + 1 {
		site[fmt.Sprintf("p/%d/index.html", i)] = []byte("x")
	}
	s.Publish(site)
	if e := next(t, events); e.name != "reload" || !strings.Contains(e.data, `"all":true`) {
		t.Errorf("event %q %.100s, want a reload of all", e.name, e.data)
	}
}

func TestErrorOverlay(t *testing.T) {
	s, base := startServer(t, testSite())
	events := stream(t, base)
	problems := []Problem{{
		File: "content/processes/x.md", Line: 4, Col: 9, Level: "error", Rule: "broken-link",
		Message: "link to missing page <b>y.md</b>", Source: "see [y](y.md)",
	}}
	s.SetErrors(problems)
	e := next(t, events)
	if e.name != "errors" || !strings.Contains(e.data, "content/processes/x.md:4:9: error: link to missing page") {
		t.Errorf("event %q %s, want errors with the problem", e.name, e.data)
	}
	s.SetErrors(problems)
	none(t, events, "the same problems again")

	for _, path := range []string{"/", "/processes/x/", "/missing/"} {
		body := get2(t, base+path)
		if !strings.Contains(body, `id="__handover-overlay"`) ||
			!strings.Contains(body, "link to missing page &lt;b&gt;y.md&lt;/b&gt;") ||
			!strings.Contains(body, "see [y](y.md)\n        ^") {
			t.Errorf("%s: no overlay with the problem:\n%s", path, body)
		}
	}
	if strings.Contains(get2(t, base+"/style.css"), "overlay") {
		t.Error("overlay injected into CSS")
	}
	// The last good site is still served.
	if !strings.Contains(get2(t, base+"/processes/x/"), "Process X") {
		t.Error("last good site not served while errors are set")
	}

	s.SetErrors(nil)
	if e := next(t, events); e.name != "errors" || !strings.Contains(e.data, `"problems":[]`) {
		t.Errorf("event %q %s, want errors with none", e.name, e.data)
	}
	if strings.Contains(get2(t, base+"/"), `id="__handover-overlay"`) {
		t.Error("overlay still injected after SetErrors(nil)")
	}
}

func TestEventOrigin(t *testing.T) {
	_, base := startServer(t, testSite())
	tests := []struct {
		origin string
		want   int
	}{
		{"", 200},
		{base, 200},
		{"http://evil.example", 403},
		{"null", 403},
		{strings.Replace(base, "http:", "https:", 1), 403},
	}
	for _, tt := range tests {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, "GET", base+eventsPath, nil)
		if tt.origin != "" {
			req.Header.Set("Origin", tt.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.want {
			t.Errorf("Origin %q: status %d, want %d", tt.origin, resp.StatusCode, tt.want)
		}
		resp.Body.Close()
		cancel()
	}
}

func TestShutdownEndsStreams(t *testing.T) {
	s := New(Options{Port: AnyPort})
	s.Publish(testSite())
	ctx, cancel := context.WithCancel(context.Background())
	addr, err := s.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := stream(t, "http://"+addr)
	start := time.Now()
	cancel()
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("shutdown took %v with a stream open", d)
	}
	select {
	case _, ok := <-events:
		if ok {
			t.Error("event after shutdown")
		}
	case <-time.After(2 * time.Second):
		t.Error("stream still open after shutdown")
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	h := newHub()
	c := h.subscribe("")
	for range cap(c.events) + 1 {
		h.broadcast(event("x"))
	}
	select {
	case <-c.kicked:
	default:
		t.Fatal("a client that fell behind was not dropped")
	}
	h.broadcast(event("y")) // must not block or panic on the dropped client
	if len(h.clients) != 0 {
		t.Errorf("%d clients left, want 0", len(h.clients))
	}
}

// TestOpenPages: Open answers by the pages whose event stream is
// connected, by their output names, until a stream leaves.
func TestOpenPages(t *testing.T) {
	s := New(Options{})
	home, page := s.hub.subscribe("/"), s.hub.subscribe("/processes/intake/")
	s.hub.subscribe("") // a stream for no page
	open := s.Open()
	for name, want := range map[string]bool{
		"index.html": true, "processes/intake/index.html": true,
		"processes/other/index.html": false, "processes/index.html": false, "404.html": false,
	} {
		if open(name) != want {
			t.Errorf("Open(%q) = %v, want %v", name, !want, want)
		}
	}
	s.hub.unsubscribe(page)
	s.hub.unsubscribe(home)
	if s.Open()("index.html") || s.Open()("processes/intake/index.html") {
		t.Error("a page is open after its stream left")
	}
}

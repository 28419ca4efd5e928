package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxChangedPaths caps the paths a reload event lists; beyond it the event
// says every page changed, which is cheaper to send and to check.
const maxChangedPaths = 500

// keepAlive is how often an idle event stream sends a comment, so proxies
// and browsers keep it open and a dead client is noticed.
const keepAlive = 20 * time.Second

// event is one Server-Sent Event, already encoded.
type event []byte

func encodeEvent(name string, data any) event {
	b, err := json.Marshal(data)
	if err != nil {
		panic(fmt.Sprintf("serve: encode %s event: %v", name, err)) // only plain data is sent
	}
	return event(fmt.Sprintf("event: %s\ndata: %s\n\n", name, b))
}

// reloadEvent tells pages which URL paths changed; a page reloads when
// itself or something it loaded is among them.
func reloadEvent(changed []string, version string) event {
	data := struct {
		Changed []string `json:"changed"`
		All     bool     `json:"all,omitempty"`
		Version string   `json:"version"`
	}{Changed: changed, Version: version}
	if len(changed) > maxChangedPaths {
		data.Changed, data.All = []string{}, true
	}
	return encodeEvent("reload", data)
}

// errorsEvent carries the current build problems; an empty list clears
// the overlay.
func errorsEvent(problems []Problem) event {
	return encodeEvent("errors", struct {
		Title    string        `json:"title"`
		Problems []problemView `json:"problems"`
	}{overlayTitle(len(problems)), views(problems)})
}

// helloEvent starts every stream with the served version, so a page that
// missed events while disconnected can tell that it is out of date.
func helloEvent(version string) event {
	return encodeEvent("hello", struct {
		Version string `json:"version"`
	}{version})
}

// hub fans events out to the connected event streams.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}

// client is one connected event stream. A client that falls behind is
// dropped (kicked); its page reconnects, sees a newer version in the
// hello event and reloads, so nothing is lost.
type client struct {
	events chan event
	kicked chan struct{}
}

func newHub() *hub {
	return &hub{clients: map[*client]struct{}{}}
}

func (h *hub) subscribe() *client {
	c := &client{events: make(chan event, 16), kicked: make(chan struct{})}
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) unsubscribe(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// broadcast sends e to every client without waiting for any of them.
func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.events <- e:
		default:
			delete(h.clients, c)
			close(c.kicked)
		}
	}
}

// serveEvents streams events to one page until it leaves, falls behind or
// the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r.Host) {
		http.Error(w, "foreign origin", http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	// The connection may serve other requests after the stream.
	defer func() { _ = rc.SetWriteDeadline(time.Time{}) }()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	version := ""
	if site := s.site.Load(); site != nil {
		version = site.version
	}
	// Subscribed before reading the state, so no change falls in between.
	first := append([]byte("retry: 500\n\n"), helloEvent(version)...)
	first = append(first, errorsEvent(*s.problems.Load())...)
	if !send(w, rc, first) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var e event
		select {
		case e = <-c.events:
		case <-tick.C:
			e = event(": keep-alive\n\n")
		case <-c.kicked:
			return
		case <-s.quit:
			return
		case <-r.Context().Done():
			return
		}
		if !send(w, rc, e) {
			return
		}
	}
}

// send writes and flushes; it reports whether the client is still there.
func send(w http.ResponseWriter, rc *http.ResponseController, b []byte) bool {
	_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if _, err := w.Write(b); err != nil {
		return false
	}
	return rc.Flush() == nil
}

// sameOrigin reports whether an Origin header names the host the request
// was sent to, over plain HTTP.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Path != "" || u.User != nil {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

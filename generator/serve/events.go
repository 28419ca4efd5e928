package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
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

// change is one publication: the URL paths whose output changed, the new
// version and its files.
type change struct {
	changed []string
	version string
	files   Files
}

// reloadData is the data of a reload event. It tells pages which URL paths
// changed; a page updates itself when itself or something it loaded is
// among them. Page is the new version of the page a stream was opened for
// (page=), when it changed: the client morphs into it without fetching it.
type reloadData struct {
	Changed []string  `json:"changed"`
	All     bool      `json:"all,omitempty"`
	Version string    `json:"version"`
	Page    *pageData `json:"page,omitempty"`
}

// pageData is a page as the client needs it to morph into it.
type pageData struct {
	Status int    `json:"status"`
	HTML   string `json:"html,omitempty"`
}

func (c *change) data() reloadData {
	d := reloadData{Changed: c.changed, Version: c.version}
	if len(c.changed) > maxChangedPaths {
		d.Changed, d.All = []string{}, true
	}
	return d
}

// reloadEvent is the reload event of c for streams without a page.
func reloadEvent(c *change) event { return encodeEvent("reload", c.data()) }

// pageEvent is the reload event of c for the stream of a page at the URL
// path page: with the page's new version when it is among the changes.
// The page's own client and overlay are not in it.
func pageEvent(c *change, page string) event {
	d := c.data()
	if !d.All && !slices.Contains(c.changed, page) {
		return nil
	}
	name, _, status := resolve(c.files, page)
	d.Page = &pageData{Status: status}
	if status == http.StatusOK {
		if !isHTML(name) {
			return nil
		}
		body, _ := c.files.Get(name)
		if len(body) > maxPushedPage {
			return nil // the client fetches it
		}
		d.Page.HTML = string(body)
	}
	return encodeEvent("reload", d)
}

// maxPushedPage is the largest page sent with an event; a larger one (the
// print document of a large site) is fetched by the page instead.
const maxPushedPage = 4 << 20

// errorsEvent carries the current build problems; an empty list clears
// the overlay.
func errorsEvent(problems []Problem, l Labels) event {
	return encodeEvent("errors", struct {
		Title    string        `json:"title"`
		Close    string        `json:"close"`
		Problems []problemView `json:"problems"`
	}{l.problems(len(problems)), l.Close, views(problems)})
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
	events chan message
	kicked chan struct{}
	page   string // the URL path of the page the stream is for, or ""
}

// message is what the hub sends to every stream: an event, and for a
// reload the change, from which a stream opened for a page makes its own.
type message struct {
	ev     event
	change *change
}

func newHub() *hub {
	return &hub{clients: map[*client]struct{}{}}
}

func (h *hub) subscribe(page string) *client {
	c := &client{events: make(chan message, 16), kicked: make(chan struct{}), page: page}
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

// pages returns the URL paths of the pages with a stream.
func (h *hub) pages() map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string]bool, len(h.clients))
	for c := range h.clients {
		if c.page != "" {
			out[c.page] = true
		}
	}
	return out
}

// broadcast sends e to every client without waiting for any of them.
func (h *hub) broadcast(e event) { h.send(message{ev: e}) }

// broadcastChange sends the reload event of c to every client.
func (h *hub) broadcastChange(c *change) { h.send(message{ev: reloadEvent(c), change: c}) }

func (h *hub) send(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.events <- m:
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
	// The page the stream is for, as a URL path ("/processes/x/"): its
	// new version comes with the event that announces it.
	page := r.URL.Query().Get("page")
	if p, err := url.PathUnescape(page); err == nil {
		page = p
	}
	page = strings.TrimSuffix(page, "index.html")
	rc := http.NewResponseController(w)
	c := s.hub.subscribe(page)
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
	first = append(first, errorsEvent(*s.problems.Load(), *s.labels.Load())...)
	if !send(w, rc, first) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var e event
		select {
		case m := <-c.events:
			e = m.ev
			if m.change != nil && page != "" {
				if pe := pageEvent(m.change, page); pe != nil {
					e = pe
				}
			}
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

// Package serve is the live-preview web server: it serves a built site
// from memory, tells open pages over Server-Sent Events when their output
// changed, and shows build errors in an overlay while it keeps serving the
// last good site.
//
// serve imports only the standard library: the generator hands it the
// site as a Files and the diagnostics to show.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// DefaultBind and DefaultPort are where the server listens unless told
// otherwise; AnyPort asks the system for a free port.
const (
	DefaultBind = "127.0.0.1"
	DefaultPort = 1313
	AnyPort     = -1
)

// Options configures a Server.
type Options struct {
	// Bind is the address to listen on; DefaultBind when empty.
	Bind string
	// Port is the TCP port; DefaultPort when 0, a free port when AnyPort.
	Port int
	// Logger receives warnings and the server's own errors; none when nil.
	Logger io.Writer
	// Labels are the texts the server shows itself; English when empty
	// (SetLabels changes them).
	Labels Labels
}

// Server serves the latest published site and pushes changes and build
// errors to open pages. Its methods are safe for concurrent use.
type Server struct {
	opts Options
	// instance tells pages of an earlier server process from ours, so
	// they reload when they reconnect after a restart.
	instance string

	publishMu sync.Mutex // serialises Publish, SetErrors and SetLabels
	site      atomic.Pointer[snapshot]
	problems  atomic.Pointer[[]Problem]
	labels    atomic.Pointer[Labels]
	hub       *hub

	quit     chan struct{} // closed when the server shuts down
	quitOnce sync.Once
	done     chan struct{} // closed when Start's server has stopped
	err      error         // why it stopped; read after done is closed
}

// snapshot is one published site; it is never changed once published.
type snapshot struct {
	files Files
	// version names the snapshot across server restarts: the instance
	// and a counter of publications.
	version string
	gen     int
}

// New returns a Server with no site yet; until the first Publish, pages
// say the site is being built.
func New(opts Options) *Server {
	if opts.Bind == "" {
		opts.Bind = DefaultBind
	}
	if opts.Port == 0 {
		opts.Port = DefaultPort
	}
	if opts.Logger == nil {
		opts.Logger = io.Discard
	}
	s := &Server{
		opts:     opts,
		instance: strconv.FormatUint(rand.Uint64()%(1<<40), 36),
		hub:      newHub(),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	s.problems.Store(&[]Problem{})
	labels := opts.Labels.withDefaults()
	s.labels.Store(&labels)
	return s
}

// Publish replaces the served site by files, a map from slash paths
// relative to the site root ("index.html", "processes/x/index.html") to
// their content. The map is copied; the byte slices are not, and must not
// be changed afterwards. Open pages are told which outputs were added,
// changed or removed; nothing is sent when no output changed.
func (s *Server) Publish(files map[string][]byte) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	old := s.site.Load()
	copied := make(MapFiles, len(files))
	for name, body := range files {
		copied[name] = body
	}
	next := &snapshot{files: copied}
	changed := []string{"/"}
	if old != nil {
		prev, _ := old.files.(MapFiles)
		changed = diff(prev, copied)
		if len(changed) == 0 {
			return
		}
		next.gen = old.gen + 1
	}
	next.version = s.instance + "-" + strconv.Itoa(next.gen)
	s.site.Store(next)
	s.hub.broadcastChange(&change{changed: changed, version: next.version, files: copied})
}

// PublishFiles swaps in a site whose outputs are made as they are asked
// for, and tells open pages that the outputs named in changed (slash paths
// such as "processes/x/index.html") differ from the previous site. The
// caller knows what changed; nothing is sent when changed is empty.
func (s *Server) PublishFiles(files Files, changed []string) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	old := s.site.Load()
	next := &snapshot{files: files}
	paths := []string{"/"}
	if old != nil {
		if len(changed) == 0 {
			next.gen, next.version = old.gen, old.version
			s.site.Store(next)
			return
		}
		paths = make([]string, len(changed))
		for i, name := range changed {
			paths[i] = urlPath(name)
		}
		slices.Sort(paths)
		next.gen = old.gen + 1
	}
	next.version = s.instance + "-" + strconv.Itoa(next.gen)
	s.site.Store(next)
	s.hub.broadcastChange(&change{changed: paths, version: next.version, files: files})
}

// Open returns whether a browser has the page of an output open now (an
// event stream for it is connected), for output names like those of
// PublishFiles ("processes/x/index.html"). It answers from the streams of
// the moment it is called.
func (s *Server) Open() func(name string) bool {
	pages := s.hub.pages()
	return func(name string) bool { return pages[strings.TrimSuffix(urlPath(name), "index.html")] }
}

// diff returns the URL paths of the outputs that differ between two sites,
// sorted. Unchanged outputs usually share their byte slice, which
// bytes.Equal notices without reading them.
func diff(old, next map[string][]byte) []string {
	var changed []string
	for name, body := range next {
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, body) {
			changed = append(changed, urlPath(name))
		}
	}
	for name := range old {
		if _, ok := next[name]; !ok {
			changed = append(changed, urlPath(name))
		}
	}
	slices.Sort(changed)
	return changed
}

// SetErrors sets the build problems to show in an overlay on every page,
// and shows them at once on open pages; nil or empty clears them. While
// problems are set the last published site is still served.
func (s *Server) SetErrors(problems []Problem) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	if slices.Equal(*s.problems.Load(), problems) {
		return
	}
	list := slices.Clone(problems)
	if list == nil {
		list = []Problem{}
	}
	s.problems.Store(&list)
	s.hub.broadcast(errorsEvent(list, *s.labels.Load()))
}

// Start listens on the configured address and serves until ctx is
// cancelled; it returns the address it listens on ("127.0.0.1:1313").
// Binding beyond the loopback interface logs a warning. Wait returns when
// the server has stopped. Start may be called once.
func (s *Server) Start(ctx context.Context) (addr string, err error) {
	port := s.opts.Port
	if port == AnyPort {
		port = 0
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(s.opts.Bind, strconv.Itoa(port)))
	if err != nil {
		if inUse(err) {
			return "", &PortInUseError{Bind: s.opts.Bind, Port: port, Err: err}
		}
		return "", fmt.Errorf("serve: %w", err)
	}
	if !loopback(s.opts.Bind) {
		fmt.Fprintf(s.opts.Logger, "warning: listening on %s: other machines on the network can read this site\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	stopped := make(chan struct{})
	go func() {
		<-ctx.Done()
		s.shutdown(srv)
		close(stopped)
	}()
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
			<-stopped // Serve returns as soon as shutdown begins
		}
		s.err = err
		close(s.done)
	}()
	return ln.Addr().String(), nil
}

// shutdown ends the event streams, which never go idle by themselves, and
// then stops the server, waiting briefly for requests in flight.
func (s *Server) shutdown(srv *http.Server) {
	s.quitOnce.Do(func() { close(s.quit) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Fprintf(s.opts.Logger, "serve: shutdown: %v\n", err)
		_ = srv.Close()
	}
}

// Wait blocks until a server started with Start has stopped, and returns
// why it stopped if that was not its context ending.
func (s *Server) Wait() error {
	<-s.done
	return s.err
}

// PortInUseError is returned by Start when another program listens on the
// port asked for.
type PortInUseError struct {
	Bind string
	Port int
	Err  error
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("port %d on %s is in use (another handover serve?); try another with --port, or --port 0 for a free one", e.Port, e.Bind)
}

func (e *PortInUseError) Unwrap() error { return e.Err }

// inUse reports whether a listen error says the address is taken.
func inUse(err error) bool {
	if errors.Is(err, syscall.EADDRINUSE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "address already in use") || strings.Contains(msg, "Only one usage of each socket address")
}

// loopback reports whether bind, a host name or IP address, only accepts
// connections from this machine.
func loopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

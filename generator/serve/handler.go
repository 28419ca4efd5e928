package serve

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// reservedPrefix starts the URL paths the server keeps for itself; the
// site's own files under it are not served.
const (
	reservedPrefix = "/__handover/"
	eventsPath     = reservedPrefix + "events"
	morphHeader    = "X-Handover-Morph" // sent by the client when it fetches the open page again
)

// buildingPage is served until the first Publish; notFoundPage when the
// site has no 404.html. Both get the client, so they reload by themselves.
func buildingPage(l Labels) []byte {
	return fmt.Appendf(nil, `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>`+
		`<body><p>%s</p></body></html>`, html.EscapeString(l.Lang), html.EscapeString(l.BuildingTitle), html.EscapeString(l.Building))
}

func notFoundPage(l Labels) []byte {
	return fmt.Appendf(nil, `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>`+
		`<body><h1>%s</h1><p>%s</p></body></html>`, html.EscapeString(l.Lang), html.EscapeString(l.NotFoundTitle),
		html.EscapeString(l.NotFoundTitle), html.EscapeString(l.NotFound))
}

// Handler returns the handler that serves the site and the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		// A page on another site that made its name point at this
		// machine (DNS rebinding) must not read the preview.
		http.Error(w, "host not allowed", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		s.serveEvents(w, r)
		return
	}
	site := s.site.Load()
	if site == nil {
		s.serveBody(w, r, "building.html", http.StatusServiceUnavailable, buildingPage(*s.labels.Load()), "")
		return
	}
	name, redirect, status := resolve(site.files, r.URL.Path)
	switch {
	case redirect != "":
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		// 302, not 301: a browser keeps a 301 for good, and the preview's
		// pages come and go.
		http.Redirect(w, r, redirect, http.StatusFound)
	case status == http.StatusBadRequest:
		http.Error(w, "bad request path", status)
	case status == http.StatusNotFound:
		body, ok := site.files.Get("404.html")
		if !ok {
			body = notFoundPage(*s.labels.Load())
		}
		s.serveBody(w, r, "404.html", status, body, site.version)
	default:
		body, _ := site.files.Get(name)
		s.serveBody(w, r, name, http.StatusOK, body, site.version)
	}
}

// resolve maps a decoded request path to a file of the site. It returns
// the file's name, or a path to redirect to, or a status of 400 (a path no
// file can have) or 404. Nothing outside files can ever be named, since
// the site lives in memory; the checks still refuse what a file-system
// server would have to.
func resolve(files Files, urlPath string) (name, redirect string, status int) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", "", http.StatusBadRequest
	}
	clean := path.Clean(urlPath)
	if clean == reservedPrefix[:len(reservedPrefix)-1] || strings.HasPrefix(clean, reservedPrefix) {
		return "", "", http.StatusNotFound
	}
	key := strings.TrimPrefix(clean, "/")
	if key == "" || strings.HasSuffix(urlPath, "/") {
		index := path.Join(key, "index.html")
		if files.Has(index) {
			return index, "", http.StatusOK
		}
		return "", "", http.StatusNotFound
	}
	if files.Has(key) {
		return key, "", http.StatusOK
	}
	if files.Has(key + "/index.html") {
		return "", (&url.URL{Path: clean + "/"}).EscapedPath(), http.StatusOK
	}
	return "", "", http.StatusNotFound
}

// serveBody writes one file with its content type, no caching, and for
// HTML the live-reload client and any error overlay.
func (s *Server) serveBody(w http.ResponseWriter, r *http.Request, name string, status int, body []byte, version string) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	// The client fetches a page to morph the open one into it: it has the
	// client and the overlay already.
	if isHTML(name) && r.Header.Get(morphHeader) == "" {
		body = inject(body, clientSettings{Version: version, Status: status}, *s.problems.Load(), *s.labels.Load())
	}
	if status == http.StatusOK {
		// ServeContent handles HEAD, Range and the length.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// contentType returns the Content-Type for a file name by its extension.
// The types the site uses are fixed here, so they do not depend on the
// machine's MIME tables.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".pdf":
		return "application/pdf"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// urlPath returns the URL path that serves the output file name: a
// folder's index.html is served at the folder.
func urlPath(name string) string {
	if name == "index.html" {
		return "/"
	}
	if strings.HasSuffix(name, "/index.html") {
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// allowedHost reports whether a request's Host header names this server.
// When it listens on loopback only names of this machine are accepted; when
// it listens beyond, any.
func (s *Server) allowedHost(hostport string) bool {
	if !loopback(s.opts.Bind) {
		return true
	}
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

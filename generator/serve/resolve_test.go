package serve

import "testing"

func TestResolve(t *testing.T) {
	files := map[string][]byte{
		"index.html":              nil,
		"404.html":                nil,
		"processes/index.html":    nil,
		"processes/x/index.html":  nil,
		"style.css":               nil,
		"search/index.json":       nil,
		"__handover/events":       nil,
		"with space/index.html":   nil,
		"calendar.ics":            nil,
		"people/jdevries/a b.pdf": nil,
	}
	tests := []struct {
		path        string
		name, redir string
		status      int
	}{
		{"/", "index.html", "", 200},
		{"/index.html", "index.html", "", 200},
		{"/processes/", "processes/index.html", "", 200},
		{"/processes", "", "/processes/", 200},
		{"/processes/x", "", "/processes/x/", 200},
		{"/processes/x/", "processes/x/index.html", "", 200},
		{"/with space", "", "/with%20space/", 200},
		{"/style.css", "style.css", "", 200},
		{"/style.css/", "", "", 404},
		{"/people/jdevries/a b.pdf", "people/jdevries/a b.pdf", "", 200},
		{"/missing", "", "", 404},
		{"/missing/", "", "", 404},
		{"/__handover/events", "", "", 404},
		{"/__handover", "", "", 404},
		{"/processes/../style.css", "style.css", "", 200},
		{"/../../etc/passwd", "", "", 404},
		{"/a/../../../secret", "", "", 404},
		{"//etc/passwd", "", "", 404},
		{"/..\\..\\secret", "", "", 400},
		{"/\\..\\secret", "", "", 400},
		{"/index.html\x00.css", "", "", 400},
		{"etc/passwd", "", "", 400},
		{"", "", "", 400},
		{"C:\\Windows\\win.ini", "", "", 400},
	}
	for _, tt := range tests {
		name, redir, status := resolve(MapFiles(files), tt.path)
		if name != tt.name || redir != tt.redir || status != tt.status {
			t.Errorf("resolve(%q) = %q, %q, %d; want %q, %q, %d",
				tt.path, name, redir, status, tt.name, tt.redir, tt.status)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"index.html", "text/html; charset=utf-8"},
		{"a/B.HTML", "text/html; charset=utf-8"},
		{"style.css", "text/css; charset=utf-8"},
		{"search/search.js", "text/javascript; charset=utf-8"},
		{"search/index.json", "application/json"},
		{"sitemap.xml", "application/xml; charset=utf-8"},
		{"calendar.ics", "text/calendar; charset=utf-8"},
		{"logo.svg", "image/svg+xml"},
		{"static/commitment.pdf", "application/pdf"},
		{"font.woff2", "font/woff2"},
		{"no-extension", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := contentType(tt.name); got != tt.want {
			t.Errorf("contentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestURLPath(t *testing.T) {
	tests := []struct{ name, want string }{
		{"index.html", "/"},
		{"processes/x/index.html", "/processes/x/"},
		{"style.css", "/style.css"},
		{"404.html", "/404.html"},
	}
	for _, tt := range tests {
		if got := urlPath(tt.name); got != tt.want {
			t.Errorf("urlPath(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLoopback(t *testing.T) {
	tests := []struct {
		bind string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.1.2.3", true},
		{"::1", true},
		{"localhost", true},
		{"0.0.0.0", false},
		{"::", false},
		{"", false},
		{"192.168.1.10", false},
		{"example.org", false},
	}
	for _, tt := range tests {
		if got := loopback(tt.bind); got != tt.want {
			t.Errorf("loopback(%q) = %v, want %v", tt.bind, got, tt.want)
		}
	}
}

func TestAllowedHost(t *testing.T) {
	local := New(Options{})
	open := New(Options{Bind: "0.0.0.0"})
	tests := []struct {
		host        string
		local, open bool
	}{
		{"127.0.0.1:1313", true, true},
		{"localhost:1313", true, true},
		{"LOCALHOST.:1313", true, true},
		{"docs.localhost:1313", true, true},
		{"[::1]:1313", true, true},
		{"127.0.0.1", true, true},
		{"evil.example:1313", false, true},
		{"192.168.1.10:1313", false, true},
		{"", false, true},
	}
	for _, tt := range tests {
		if got := local.allowedHost(tt.host); got != tt.local {
			t.Errorf("loopback server: allowedHost(%q) = %v, want %v", tt.host, got, tt.local)
		}
		if got := open.allowedHost(tt.host); got != tt.open {
			t.Errorf("open server: allowedHost(%q) = %v, want %v", tt.host, got, tt.open)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		origin, host string
		want         bool
	}{
		{"http://127.0.0.1:1313", "127.0.0.1:1313", true},
		{"http://LOCALHOST:1313", "localhost:1313", true},
		{"http://127.0.0.1:1314", "127.0.0.1:1313", false},
		{"https://127.0.0.1:1313", "127.0.0.1:1313", false},
		{"http://evil.example", "127.0.0.1:1313", false},
		{"null", "127.0.0.1:1313", false},
		{"http://127.0.0.1:1313/path", "127.0.0.1:1313", false},
		{"http://u@127.0.0.1:1313", "127.0.0.1:1313", false},
	}
	for _, tt := range tests {
		if got := sameOrigin(tt.origin, tt.host); got != tt.want {
			t.Errorf("sameOrigin(%q, %q) = %v, want %v", tt.origin, tt.host, got, tt.want)
		}
	}
}

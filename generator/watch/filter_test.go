package watch

import "testing"

func TestFilter(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"content/processes/incident.md", false},
		{"content/processes/incident.md.swp", true},
		{"content/processes/.incident.md.swp", true},
		{"content/processes/.incident.md.swx", true},
		{"content/processes/.incident.md.swo", true},
		{"content/processes/incident.md~", true},
		{"content/processes/4913", true},
		{"content/processes/5036", true},
		{"content/processes/4914", false},
		{"content/processes/04913", false},
		{"content/2024", false},
		{"content/.#incident.md", true},
		{"content/#incident.md#", true},
		{"content/#", false},
		{"content/#hash.md", false},
		{"content/incident.md___jb_tmp___", true},
		{"content/incident.md___jb_old___", true},
		{"static/.DS_Store", true},
		{".DS_Store", true},
		{".git", true},
		{".git/index.lock", true},
		{"themes/x/.git/HEAD", true},
		{".github/workflows/ci.yml", false},
		{".gitignore", false},
		{"content/.goutputstream-ABC123", true},
		{"handover.yaml", false},
		{"people.yaml", false},
		{"static/logo.swf", false},
		{"", false},
		{".", false},
	}
	for _, tt := range tests {
		if got := Filter(tt.rel); got != tt.want {
			t.Errorf("Filter(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestUnder(t *testing.T) {
	tests := []struct {
		rel, dir string
		want     bool
	}{
		{"public", "public", true},
		{"public/index.html", "public", true},
		{"public/index.html", "public/", true},
		{"public/index.html", "./public", true},
		{"publication.md", "public", false},
		{"content/public/x.md", "public", false},
		{"anything", "", false},
		{"anything", ".", false},
		{"site/out/a", "site/out", true},
	}
	for _, tt := range tests {
		if got := under(tt.rel, tt.dir); got != tt.want {
			t.Errorf("under(%q, %q) = %v, want %v", tt.rel, tt.dir, got, tt.want)
		}
	}
}

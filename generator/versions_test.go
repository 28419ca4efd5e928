package generator

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/history"
	"github.com/handover-dev/handover/themes"
)

// The version tests build real git repositories holding a small handover
// site with fixed authors and dates, and assert on the built output.

// gitSite is a git repository holding a handover site, made for a test.
type gitSite struct {
	t   testing.TB
	dir string
}

// author is who makes a commit of a gitSite.
type author struct{ name, email string }

var (
	jan     = author{"Jan de Vries", "jan.devries@example.nl"}
	marieke = author{"Marieke Bakker", "marieke.bakker@example.nl"}
)

// versionsToday is "today" of the builds: 20 November 2026.
var versionsToday = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// novemberDay returns noon UTC on day n of November 2026.
func novemberDay(n int) time.Time { return time.Date(2026, 11, n, 12, 0, 0, 0, time.UTC) }

// newGitSite makes an empty repository in a temporary directory.
func newGitSite(t testing.TB) *gitSite {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is required in CI: ", err)
		}
		t.Skip("git not installed")
	}
	s := &gitSite{t: t, dir: t.TempDir()}
	s.git(author{}, time.Time{}, "init", "-q", "-b", "main")
	return s
}

// git runs git in dir as who at when, isolated from the user's configuration.
func runGitIn(t testing.TB, dir string, who author, when time.Time, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	date := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
		"GIT_AUTHOR_NAME="+who.name, "GIT_AUTHOR_EMAIL="+who.email,
		"GIT_COMMITTER_NAME="+who.name, "GIT_COMMITTER_EMAIL="+who.email,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (s *gitSite) git(who author, when time.Time, args ...string) string {
	s.t.Helper()
	return runGitIn(s.t, s.dir, who, when, args...)
}

// commit writes files (an empty text removes the file), stages everything
// and commits it.
func (s *gitSite) commit(who author, when time.Time, msg string, files map[string]string) {
	s.t.Helper()
	writeFiles(s.t, s.dir, files)
	s.git(who, when, "add", "-A")
	s.git(who, when, "commit", "-q", "--allow-empty", "-m", msg)
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newStorySite makes the site the version tests share:
//
//	v1.0 (1 Nov, Jan):      home, alpha ("regel een"), beta
//	v1.1 (10 Nov, Marieke): alpha gains "regel twee", gamma added
//	v2.0 (15 Nov, Marieke): beta removed
//	HEAD (20 Nov, Jan):     gamma changed
func newStorySite(t testing.TB) *gitSite {
	s := newGitSite(t)
	s.commit(jan, novemberDay(1), "Eerste overdracht", map[string]string{
		"handover.yaml":         "title: Overdracht test\nlanguage: nl\nversions:\n  tags: \"v*\"\n",
		"people.yaml":           "people:\n  - id: jdevries\n    name: Jan de Vries\n",
		"content/_index.md":     "# Overdracht\n\nDe [alpha](info/alpha.md) pagina.\n",
		"content/info/alpha.md": "---\nid: info/alpha\n---\n# Alpha\n\nregel een\n",
		"content/info/beta.md":  "# Beta\n\nbeta tekst\n",
	})
	s.git(jan, novemberDay(1), "tag", "v1.0")
	s.commit(marieke, novemberDay(10), "Alpha aangevuld & gamma <nieuw>", map[string]string{
		"content/info/alpha.md": "---\nid: info/alpha\n---\n# Alpha\n\nregel een\nregel twee: 2 < 3\n",
		"content/info/gamma.md": "# Gamma\n\ngamma tekst\n",
	})
	s.git(marieke, novemberDay(10), "tag", "v1.1")
	s.commit(marieke, novemberDay(15), "Beta vervallen", map[string]string{"content/info/beta.md": ""})
	s.git(marieke, novemberDay(15), "tag", "-a", "-m", "release 2", "v2.0")
	s.commit(jan, novemberDay(20), "Gamma bijgewerkt", map[string]string{
		"content/info/gamma.md": "# Gamma\n\ngamma tekst, bijgewerkt\n",
	})
	return s
}

// builtSite is the output of a build on disk, read back.
type builtSite struct {
	t     testing.TB
	res   *Result
	files map[string][]byte
}

// buildGitSite builds dir into a new temporary folder with versionsToday as
// today and returns the output.
func buildGitSite(t testing.TB, dir string, opts Options) *builtSite {
	t.Helper()
	opts.Site = dir
	opts.Destination = filepath.Join(t.TempDir(), "public")
	if opts.Now.IsZero() {
		opts.Now = versionsToday
	}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("Build: %v\n%v", err, res.Diagnostics)
	}
	return &builtSite{t: t, res: res, files: readOutputTree(t, opts.Destination)}
}

// readOutputTree reads every file below dir, by slash path.
func readOutputTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = os.ReadFile(filepath.Join(dir, p))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// main returns the <main> of an output page, failing when it does not exist.
func (s *builtSite) main(name string) string {
	s.t.Helper()
	data, ok := s.files[name]
	if !ok {
		s.t.Fatalf("no output file %s", name)
	}
	text := string(data)
	start, end := strings.Index(text, "<main"), strings.Index(text, "</main>")
	if start < 0 || end < start {
		s.t.Fatalf("%s has no <main>", name)
	}
	return text[start:end]
}

// assert checks that the <main> of name contains each want, or does not
// contain it when want starts with "! ".
func (s *builtSite) assert(name string, wants ...string) {
	s.t.Helper()
	m := s.main(name)
	for _, w := range wants {
		if not, ok := strings.CutPrefix(w, "! "); ok {
			if strings.Contains(m, not) {
				s.t.Errorf("%s contains %q:\n%s", name, not, m)
			}
		} else if !strings.Contains(m, w) {
			s.t.Errorf("%s does not contain %q:\n%s", name, w, m)
		}
	}
}

// diags returns the diagnostics of the build of rule.
func (s *builtSite) diags(rule string) content.Diagnostics {
	var out content.Diagnostics
	for _, d := range s.res.Diagnostics {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

var hrefRE = regexp.MustCompile(`href="([^"#]*)"`)

// switcher returns the hrefs of the version switcher of a page, resolved to
// output paths.
func (s *builtSite) switcher(name string) []string {
	s.t.Helper()
	m := s.main(name)
	start := strings.Index(m, `<nav class="versions"`)
	if start < 0 {
		s.t.Fatalf("%s has no version switcher", name)
	}
	nav := m[start : start+strings.Index(m[start:], "</nav>")]
	var out []string
	for _, sm := range hrefRE.FindAllStringSubmatch(nav, -1) {
		out = append(out, path.Join(path.Dir(name), sm[1]))
	}
	return out
}

func TestVersionsBuild(t *testing.T) {
	site := newStorySite(t)
	out := buildGitSite(t, site.dir, Options{Versions: true})
	if ds := out.diags("git"); len(ds) != 0 {
		t.Errorf("git diagnostics: %v", ds)
	}

	t.Run("content as at the tag", func(t *testing.T) {
		out.assert("versions/v1.0/info/alpha/index.html", "regel een", "! regel twee")
		out.assert("versions/v1.1/info/alpha/index.html", "regel twee: 2 &lt; 3")
		out.assert("versions/v1.0/info/beta/index.html", "beta tekst")
		if _, ok := out.files["versions/v1.0/info/gamma/index.html"]; ok {
			t.Error("v1.0 has gamma, which was added in v1.1")
		}
		if _, ok := out.files["versions/v2.0/info/beta/index.html"]; ok {
			t.Error("v2.0 has beta, which it removed")
		}
		if _, ok := out.files["info/beta/index.html"]; ok {
			t.Error("the current version has beta")
		}
		// Links inside a version stay inside it.
		out.assert("versions/v1.0/index.html", `href="info/alpha/index.html"`)
	})

	t.Run("switcher", func(t *testing.T) {
		got := out.switcher("info/alpha/index.html")
		want := []string{"info/alpha/index.html", "versions/v2.0/info/alpha/index.html",
			"versions/v1.1/info/alpha/index.html", "versions/v1.0/info/alpha/index.html", "changes/index.html"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("switcher of alpha = %v, want %v", got, want)
		}
		out.assert("info/alpha/index.html", `href="../../versions/v1.0/info/alpha/index.html"`, "Huidige versie")
		// gamma is not in v1.0: its home page instead.
		got = out.switcher("info/gamma/index.html")
		if got[3] != "versions/v1.0/index.html" {
			t.Errorf("gamma links to %s in v1.0, want its home", got[3])
		}
		// beta was removed: the current version's home.
		got = out.switcher("versions/v1.1/info/beta/index.html")
		if got[0] != "index.html" {
			t.Errorf("beta links to %s in the current version, want the home page", got[0])
		}
		for _, page := range []string{"info/alpha/index.html", "versions/v1.0/info/beta/index.html", "versions/v2.0/people/index.html"} {
			for _, p := range out.switcher(page) {
				if _, ok := out.files[p]; !ok {
					t.Errorf("switcher of %s links to %s, which does not exist", page, p)
				}
			}
		}
	})

	t.Run("banner", func(t *testing.T) {
		out.assert("versions/v1.1/info/alpha/index.html", `class="version-banner"`, "<strong>v1.1</strong>",
			`href="../../../../info/alpha/index.html">Naar deze pagina in de huidige versie`,
			`<a href="index.html" aria-current="page">v1.1</a>`)
		out.assert("info/alpha/index.html", "! version-banner", `<a href="index.html" aria-current="page">Huidige versie</a>`)
		if bytes.Contains(out.files["versions/v1.0/info/alpha/index.html"], []byte(placeholder)) {
			t.Error("the placeholder of the switcher was left in an older version")
		}
	})

	t.Run("changes", func(t *testing.T) {
		m := out.main("changes/index.html")
		sections := strings.Split(m, `<section class="change-version">`)[1:]
		if len(sections) != 4 {
			t.Fatalf("changes page has %d versions, want 4:\n%s", len(sections), m)
		}
		checks := [][]string{
			{"Huidige versie", "Gewijzigd", `href="../info/gamma/index.html">Gamma`, `href="HEAD/info/gamma/index.html"`, "Gamma bijgewerkt", "! Toegevoegd", "! Verwijderd"},
			{"v2.0", "15 november 2026", "Verwijderd", `href="../versions/v1.1/info/beta/index.html">Beta`, "Beta vervallen", "! Alpha aangevuld"},
			{"v1.1", "Toegevoegd", `href="../versions/v1.1/info/gamma/index.html">Gamma`, "Gewijzigd",
				`href="v1.1/info/alpha/index.html"`, "Alpha aangevuld &amp; gamma &lt;nieuw&gt;", "Marieke Bakker", "! Eerste overdracht"},
			{"v1.0", "Eerste versie (3 pagina&#39;s)", "Eerste overdracht"},
		}
		for i, want := range checks {
			for _, w := range want {
				if not, ok := strings.CutPrefix(w, "! "); ok {
					if strings.Contains(sections[i], not) {
						t.Errorf("changes of %s contain %q:\n%s", want[0], not, sections[i])
					}
				} else if !strings.Contains(sections[i], w) {
					t.Errorf("changes of %s lack %q:\n%s", want[0], w, sections[i])
				}
			}
		}
	})

	t.Run("diff", func(t *testing.T) {
		// line numbers of the file (below three lines of front matter),
		// an added line, and the words added to a changed line
		out.assert("changes/v1.1/info/alpha/index.html",
			`<tr class="same"><td class="ln">6</td><td class="ln">6</td><td class="sign"></td><td class="code">regel een</td></tr>`,
			`<tr class="ins"><td class="ln"></td><td class="ln">7</td><td class="sign"><span class="sign-mark" aria-hidden="true">+</span><span class="visually-hidden">Toegevoegd: </span></td><td class="code">regel twee: 2 &lt; 3</td></tr>`,
			"! <pre>", "! ~",
			`href="../../../../versions/v1.0/info/alpha/index.html">v1.0`, `href="../../../../versions/v1.1/info/alpha/index.html">v1.1`)
		out.assert("changes/HEAD/info/gamma/index.html", `<td class="code">gamma tekst</td>`, `<td class="code">gamma tekst<ins>, bijgewerkt</ins></td>`)
	})

	t.Run("last change", func(t *testing.T) {
		out.assert("info/gamma/index.html", "Laatst gewijzigd op 20 november 2026 door Jan de Vries",
			"Geschiedenis van deze pagina", "Gamma bijgewerkt", "Alpha aangevuld &amp; gamma &lt;nieuw&gt;")
		out.assert("info/alpha/index.html", "Laatst gewijzigd op 10 november 2026 door Marieke Bakker")
		// An older version shows the last change as at its tag.
		out.assert("versions/v1.0/info/alpha/index.html", "Laatst gewijzigd op 1 november 2026 door Jan de Vries")
		// Generated pages have no source file.
		out.assert("people/index.html", "! Laatst gewijzigd")
	})
}

func TestVersionsOff(t *testing.T) {
	site := newStorySite(t)
	out := buildGitSite(t, site.dir, Options{})
	for name := range out.files {
		if strings.HasPrefix(name, "versions/") {
			t.Fatalf("built %s without Versions", name)
		}
	}
	out.assert("info/gamma/index.html", "Laatst gewijzigd op 20 november 2026 door Jan de Vries", `! class="versions"`)
	out.assert("changes/index.html", "Er zijn geen eerdere versies")
}

func TestHistoryShallowClone(t *testing.T) {
	site := newStorySite(t)
	clone := filepath.Join(t.TempDir(), "clone")
	runGitIn(t, site.dir, author{}, time.Time{}, "clone", "-q", "--depth", "1", "file://"+site.dir, clone)
	out := buildGitSite(t, clone, Options{Versions: true})
	ds := out.diags("git")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "shallow") || ds[0].Severity != content.Warning {
		t.Errorf("git diagnostics = %v, want one warning about the shallow clone", ds)
	}
	for name, data := range out.files {
		if bytes.Contains(data, []byte("Laatst gewijzigd")) {
			t.Errorf("%s shows a last change in a shallow clone", name)
		}
	}
}

func TestHistoryNoGit(t *testing.T) {
	site := newStorySite(t)
	dir := t.TempDir()
	err := os.CopyFS(dir, os.DirFS(site.dir))
	if err == nil {
		err = os.RemoveAll(filepath.Join(dir, ".git"))
	}
	if err != nil {
		t.Fatal(err)
	}
	// A HOME or GIT_DIR of the test process must not lead git elsewhere;
	// the temporary folder is outside any repository.
	out := buildGitSite(t, dir, Options{Versions: true})
	if ds := out.diags("git"); len(ds) != 0 {
		t.Errorf("git diagnostics outside git: %v", ds)
	}
	for name, data := range out.files {
		if bytes.Contains(data, []byte("Laatst gewijzigd")) || strings.HasPrefix(name, "versions/") {
			t.Errorf("%s: history outside git", name)
		}
	}
}

func TestVersionsCache(t *testing.T) {
	site := newStorySite(t)
	cache := t.TempDir()
	var reports []string
	opts := Options{Versions: true, CacheDir: cache, Progress: func(done, total int, what string) {
		reports = append(reports, what)
	}}
	cold := buildGitSite(t, site.dir, opts)
	if got := strings.Join(reports, "; "); got != "building version v2.0; building version v1.1; building version v1.0" {
		t.Errorf("cold build reported %q", got)
	}
	reports = nil
	warm := buildGitSite(t, site.dir, opts)
	for _, r := range reports {
		if strings.Contains(r, "building") {
			t.Errorf("cached build reported %q", r)
		}
	}
	if len(reports) != 3 {
		t.Errorf("cached build reported %v, want 3 versions from the cache", reports)
	}
	plain := buildGitSite(t, site.dir, Options{Versions: true})
	for _, other := range []*builtSite{warm, plain} {
		if len(other.files) != len(cold.files) {
			t.Errorf("%d files, want %d", len(other.files), len(cold.files))
		}
		for name, data := range cold.files {
			if !bytes.Equal(other.files[name], data) {
				t.Errorf("%s differs between builds", name)
			}
		}
	}

	// A new tag builds only itself, and the switchers of the cached
	// versions list it.
	site.git(jan, novemberDay(20), "tag", "v3.0")
	reports = nil
	next := buildGitSite(t, site.dir, opts)
	if got := strings.Join(reports, "; "); !strings.Contains(got, "building version v3.0") || strings.Count(got, "building") != 1 {
		t.Errorf("build after a new tag reported %q", got)
	}
	next.assert("versions/v1.0/info/alpha/index.html", `href="../../../v3.0/info/alpha/index.html">v3.0`)

	// Entries no build has used for over a month go (an upgraded handover's,
	// a deleted tag's); the versions a build uses stay, however old.
	stale := history.Key("a version no build uses")
	if err := (history.Cache{Dir: cache}).Put(stale, map[string][]byte{"index.html": nil}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(cache)
	then := time.Now().Add(-40 * 24 * time.Hour)
	for _, e := range entries {
		if e.IsDir() && e.Name() != "render" {
			_ = os.Chtimes(filepath.Join(cache, e.Name()), then, then)
		}
	}
	reports = nil
	buildGitSite(t, site.dir, opts)
	if strings.Contains(strings.Join(reports, "; "), "building") {
		t.Errorf("old entries in use were not kept: %v", reports)
	}
	if _, err := os.Stat(filepath.Join(cache, stale)); err == nil {
		t.Error("an entry unused for 40 days was kept")
	}
	reports = nil
	buildGitSite(t, site.dir, opts)
	if len(reports) != 4 || strings.Contains(strings.Join(reports, "; "), "building") {
		t.Errorf("after trimming, the next build reported %v, want 4 versions from the cache", reports)
	}
}

func TestVersionsContentErrors(t *testing.T) {
	site := newGitSite(t)
	site.commit(jan, novemberDay(1), "Kapotte link", map[string]string{
		"handover.yaml":     "title: T\n",
		"content/_index.md": "# T\n\n[weg](nergens.md)\n",
	})
	site.git(jan, novemberDay(1), "tag", "v1.0")
	site.commit(jan, novemberDay(2), "Link hersteld", map[string]string{"content/_index.md": "# T\n\nHersteld.\n"})
	out := buildGitSite(t, site.dir, Options{Versions: true})
	ds := out.diags("git")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "1 content errors (v1.0: 1)") {
		t.Errorf("git diagnostics = %v, want one count of the errors in v1.0", ds)
	}
	if _, ok := out.files["versions/v1.0/index.html"]; !ok {
		t.Error("v1.0 was not published")
	}
	if _, err := Build(context.Background(), Options{Site: site.dir, DryRun: true, Versions: true}); errors.Is(err, ErrContent) {
		t.Error("check fails on an older version")
	}
}

func TestVersionsSiteInSubfolder(t *testing.T) {
	repo := newGitSite(t)
	repo.commit(jan, novemberDay(3), "Site in een map", map[string]string{
		"README.md":              "niet de site\n",
		"site/handover.yaml":     "title: T\n",
		"site/content/_index.md": "# T\n\nEerste tekst.\n",
	})
	repo.git(jan, novemberDay(3), "tag", "v1.0")
	repo.commit(marieke, novemberDay(4), "Tekst bijgewerkt", map[string]string{"site/content/_index.md": "# T\n\nTweede tekst.\n"})
	out := buildGitSite(t, filepath.Join(repo.dir, "site"), Options{Versions: true})
	out.assert("index.html", "Tweede tekst", "Laatst gewijzigd op 4 november 2026 door Marieke Bakker")
	out.assert("versions/v1.0/index.html", "Eerste tekst", "Laatst gewijzigd op 3 november 2026 door Jan de Vries")
	out.assert("changes/HEAD/index.html", `<tr class="del"><td class="ln">3</td>`, `<td class="code">Eerste tekst.</td>`, `<td class="code">Tweede tekst.</td>`)
}

// TestVersionsUseTheCurrentTheme: an older version is built with the
// theme of the current build, labels included, so every version looks
// and reads the same; also the readiness checklist, whose checks are made
// before the version takes its parent's theme.
func TestVersionsUseTheCurrentTheme(t *testing.T) {
	en, err := fs.ReadFile(themes.Default, "default/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	labels := func(mark string) string {
		return strings.Replace(string(en), `readiness.none: "`, `readiness.none: "`+mark+` `, 1)
	}
	site := newGitSite(t)
	site.commit(jan, novemberDay(1), "Eerste", map[string]string{
		"handover.yaml":               "title: T\nlanguage: en\n",
		"content/_index.md":           "# T\n\nText.\n",
		"themes/default/i18n/en.yaml": labels("OLDTHEME"),
	})
	site.git(jan, novemberDay(1), "tag", "v1.0")
	site.commit(jan, novemberDay(2), "Labels", map[string]string{"themes/default/i18n/en.yaml": labels("NEWTHEME")})
	out := buildGitSite(t, site.dir, Options{Versions: true})
	out.assert("readiness/index.html", "NEWTHEME There is no page yet", "! OLDTHEME")
	out.assert("versions/v1.0/readiness/index.html", "NEWTHEME There is no page yet", "! OLDTHEME")
}

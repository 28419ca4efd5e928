package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// Site is the whole content model: settings, people, pages and static files.
type Site struct {
	Config     Config
	People     People
	Pages      []*Page // sorted by Path
	Static     []Static
	ContentDir string // "content", or "." when the site root itself holds the Markdown

	byID     map[string]*Page
	byPath   map[string]*Page
	persons  map[string]*Person
	roles    map[string]*Role
	statics  map[string]bool
	Involved map[string]*Involvement // per person id, filled by Resolve
}

// Static is a file copied into the output as is.
type Static struct {
	File string // slash path relative to the site root
	Out  string // slash path in the output
}

// LoadOptions tells Load what to leave out.
type LoadOptions struct {
	// Exclude lists slash paths relative to the site root that are never
	// read, such as the output folder.
	Exclude []string
	// MaxFileSize is the largest page read; larger files get a diagnostic.
	MaxFileSize int64
	// Cache, when set, keeps decoded pages for the next Load of the same site.
	Cache *Cache
	// Reserved lists the output paths that the generator writes itself:
	// files ("404.html") and folders ("search/"). A page whose output
	// would land in one, or pass through one of the files, is reported
	// and left out, as is a page whose URL passes through a file named
	// index.html (that is its folder's own page).
	Reserved []string
}

// withDefaults fills in what opts leaves at zero.
func (opts LoadOptions) withDefaults() LoadOptions {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = 32 << 20
	}
	return opts
}

// PageByID returns the page with id, or nil.
func (s *Site) PageByID(id string) *Page { return s.byID[normID(id)] }

// PageByPath returns the page at path under the content root, or nil. A
// path in NFC finds a file whose name is in NFD and the other way round:
// links are typed in one form, and macOS stores names in the other.
func (s *Site) PageByPath(p string) *Page {
	if pg := s.byPath[p]; pg != nil {
		return pg
	}
	if pg := s.byPath[norm.NFC.String(p)]; pg != nil {
		return pg
	}
	return s.byPath[norm.NFD.String(p)]
}

// checkPeoplePages reports people and roles whose ids differ but whose
// pages (people/SLUG/) would be one: the second would overwrite the first.
func (s *Site) checkPeoplePages(diags *Diagnostics) {
	seen := map[string]string{}
	add := func(id string, pos Pos) {
		if id == "" {
			return
		}
		slug := Slug(id)
		if first, dup := seen[slug]; dup && first != id {
			*diags = append(*diags, Diag("people", pos, fmt.Sprintf("id %q has the same page people/%s/ as %q; ids must differ in more than case and punctuation", id, slug, first)))
			return
		}
		seen[slug] = id
	}
	for _, p := range s.People.Persons {
		add(p.ID, p.Pos)
	}
	for _, r := range s.People.Roles {
		add(r.ID, r.Pos)
	}
}

// HasStatic reports whether the output holds a static file at out.
func (s *Site) HasStatic(out string) bool { return s.statics[out] }

// Person returns the person with id, or nil.
func (s *Site) Person(id string) *Person { return s.persons[id] }

// Role returns the role with id, or nil.
func (s *Site) Role(id string) *Role { return s.roles[id] }

func normID(id string) string {
	return strings.TrimSuffix(strings.Trim(strings.TrimSpace(id), "/"), ".md")
}

// Load reads the site in fsys (its root is the site root) into the content
// model and resolves every reference. It never fails: problems with the
// content are diagnostics, and what can be read is loaded.
func Load(fsys fs.FS, opts LoadOptions) (*Site, Diagnostics) {
	opts = opts.withDefaults()
	var diags Diagnostics
	s := &Site{ContentDir: "content"}
	if src, ok := readSettings(fsys, "handover.yaml", opts.MaxFileSize, &diags); ok {
		s.Config = decodeConfig("handover.yaml", normalize("handover.yaml", src, &diags), &diags)
	} else {
		s.Config = decodeConfig("handover.yaml", nil, &diags)
	}
	if s.Config.Language == "" {
		s.Config.Language = "nl" // after a diagnostic for a language handover does not speak
	}
	s.Config.checkTheme(fsys, &diags)
	if src, ok := readSettings(fsys, "people.yaml", opts.MaxFileSize, &diags); ok {
		s.People = decodePeople("people.yaml", normalize("people.yaml", src, &diags), &diags)
	}
	if fi, err := fs.Stat(fsys, "content"); err != nil || !fi.IsDir() {
		s.ContentDir = "."
	}
	files := s.walk(fsys, opts, &diags)
	s.Pages = readPages(fsys, files.pages, s.ContentDir, opts, &diags)
	s.Static = files.static
	yieldFolderPages(s.Pages)
	reordered := preferFolderPages(s.Pages)
	s.index(&diags, opts.Reserved)
	if reordered {
		sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
	}
	s.linkRecords(&diags)
	s.checkPeoplePages(&diags)
	s.resolve(&diags)
	diags.Sort()
	return s, diags
}

// readSettings reads a settings file at the site root. A file that is not
// there is no problem; one that is not a regular file (a FIFO would block
// the build forever, a symbolic link could read outside the site), too
// large or unreadable gets a diagnostic.
func readSettings(fsys fs.FS, name string, maxSize int64, diags *Diagnostics) ([]byte, bool) {
	fi, err := fs.Lstat(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	switch {
	case err != nil:
		*diags = append(*diags, Diag("file", Pos{File: name}, fmt.Sprintf("cannot read: %v", unwrapPathErr(err))))
		return nil, false
	case fi.Mode()&fs.ModeSymlink != 0:
		*diags = append(*diags, Diag("file", Pos{File: name}, "symbolic link not followed; copy the file into the site instead"))
		return nil, false
	case !fi.Mode().IsRegular():
		*diags = append(*diags, Diag("file", Pos{File: name}, "not a regular file; skipped"))
		return nil, false
	case fi.Size() > maxSize:
		*diags = append(*diags, Diag("file", Pos{File: name}, fmt.Sprintf("file is %d MB, more than the %d MB allowed", fi.Size()>>20, maxSize>>20)))
		return nil, false
	}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		*diags = append(*diags, Diag("file", Pos{File: name}, fmt.Sprintf("cannot read: %v", unwrapPathErr(err))))
		return nil, false
	}
	return src, true
}

type fileList struct {
	pages  []string // paths relative to the site root
	static []Static
}

// walk lists the Markdown and static files, never following symlinks and
// skipping hidden files, excluded folders and files that are not regular.
func (s *Site) walk(fsys fs.FS, opts LoadOptions, diags *Diagnostics) fileList {
	var fl fileList
	skip := map[string]bool{}
	for _, e := range opts.Exclude {
		skip[path.Clean(e)] = true
	}
	if s.ContentDir == "." {
		for _, d := range []string{"public", "themes", "static", "node_modules"} {
			skip[d] = true
		}
	}
	rootMode := s.ContentDir == "."
	walkTree(fsys, s.ContentDir, skip, diags, func(p string) {
		if isMarkdown(p) {
			fl.pages = append(fl.pages, p)
			return
		}
		if strings.EqualFold(path.Ext(p), ".mdx") {
			d := Diag("foreign-syntax", Pos{File: p}, "MDX page (Docusaurus) is not built: rename it to .md and remove its import and export lines and JSX, or bring it in with handover import, which does that")
			*diags = append(*diags, d)
			return
		}
		if rootMode && !isAsset(p) {
			return // a folder of someone else's repository: copy what pages show, not its configuration
		}
		rel := strings.TrimPrefix(p, s.ContentDir+"/")
		if rootMode {
			rel = p
		}
		fl.static = append(fl.static, Static{File: p, Out: StaticPath(rel)})
	})
	walkTree(fsys, "static", nil, diags, func(p string) {
		fl.static = append(fl.static, Static{File: p, Out: StaticPath(strings.TrimPrefix(p, "static/"))})
	})
	return fl
}

func walkTree(fsys fs.FS, root string, skip map[string]bool, diags *Diagnostics, each func(string)) {
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) || p != root {
				*diags = append(*diags, Diag("file", Pos{File: p}, fmt.Sprintf("cannot read: %v", errors.Unwrap(err))))
			}
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || skip[p]) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case d.IsDir():
		case t&fs.ModeSymlink != 0:
			d := Diag("file", Pos{File: p}, "symbolic link not followed; copy the file into the site instead")
			d.Severity = Warning // a repository may link a README; it never leaves the site
			*diags = append(*diags, d)
		case !t.IsRegular():
			*diags = append(*diags, Diag("file", Pos{File: p}, "not a regular file; skipped"))
		default:
			each(p)
		}
		return nil
	})
}

// assets are the files a site without content/ publishes besides its pages:
// what pages show or offer for download, never configuration or data files
// such as people.yaml.
var assets = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true,
	".pdf": true, ".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true, ".odp": true, ".csv": true,
	".txt": true, ".mp4": true, ".webm": true, ".mp3": true, ".zip": true, ".drawio": true, ".excalidraw": true}

func isAsset(p string) bool { return assets[strings.ToLower(path.Ext(p))] }

// IsAsset reports whether a file at p is one that pages show or offer for
// download (an image, a PDF, an office document, …), as opposed to the
// configuration or code of a repository.
func IsAsset(p string) bool { return isAsset(p) }

// yieldFolderPages makes a README.md or index.md whose folder already has
// a page of the same id (screenshots.md beside screenshots/README.md, as a
// GitHub repository may have) an ordinary page of its folder
// (screenshots/readme/), as it was before these names were folder pages.
func yieldFolderPages(pages []*Page) {
	ids := map[string]bool{}
	for _, p := range pages {
		if !p.List {
			ids[p.ID] = true
		}
	}
	for _, p := range pages {
		stem := strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path))
		if !p.List || stem == "_index" || !ids[p.ID] || p.hasKey("id") {
			continue
		}
		p.List = false
		p.ID = strings.TrimSuffix(p.Path, path.Ext(p.Path))
		p.URL += Slug(stem) + "/"
	}
}

// preferFolderPages puts, in each folder with more than one folder page
// (README.md beside index.md), the one folderPageRank ranks highest before
// the others, so that index keeps it and reports the others as
// duplicates. It reports whether it changed the order, which is by path
// again once index has run.
func preferFolderPages(pages []*Page) bool {
	count := map[string]int{}
	clash := false
	for _, p := range pages {
		if p.List {
			dir := path.Dir(p.Path)
			count[dir]++
			clash = clash || count[dir] > 1
		}
	}
	if !clash {
		return false
	}
	key := func(p *Page) string {
		if !p.List {
			return p.Path
		}
		stem := strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path))
		return path.Dir(p.Path) + "/\x00" + string(rune('9'-folderPageRank(stem)))
	}
	sort.SliceStable(pages, func(i, j int) bool { return key(pages[i]) < key(pages[j]) })
	return true
}

func isMarkdown(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

// cachedReadPage reads one page, or takes it from opts.Cache when current.
func cachedReadPage(fsys fs.FS, file, contentDir string, opts LoadOptions, diags *Diagnostics) *Page {
	if opts.Cache == nil {
		return readPage(fsys, file, contentDir, opts.MaxFileSize, diags)
	}
	if p, ok := opts.Cache.page(fsys, file, diags); ok {
		return p
	}
	var own Diagnostics
	p := readPage(fsys, file, contentDir, opts.MaxFileSize, &own)
	opts.Cache.put(fsys, file, p, own)
	*diags = append(*diags, own...)
	return p
}

// LoadPage reads the page at file (a slash path relative to the site root)
// as Load would, through opts.Cache when set, without resolving it: the
// dev server uses it to see whether an edit changed more than a body.
func LoadPage(fsys fs.FS, file, contentDir string, opts LoadOptions) (*Page, Diagnostics) {
	opts = opts.withDefaults()
	var diags Diagnostics
	return cachedReadPage(fsys, file, contentDir, opts, &diags), diags
}

// readPages reads and decodes the pages on all cores, keeping their order.
func readPages(fsys fs.FS, files []string, contentDir string, opts LoadOptions, diags *Diagnostics) []*Page {
	pages := make([]*Page, len(files))
	perPage := make([]Diagnostics, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				pages[i] = cachedReadPage(fsys, files[i], contentDir, opts, &perPage[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	out := pages[:0]
	for i, p := range pages {
		*diags = append(*diags, perPage[i]...)
		if p != nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

package content

import "crypto/sha256"

// Page is one Markdown file of the content tree with its decoded front
// matter and, after Resolve, its relations to other pages and people.
type Page struct {
	File     string // slash path relative to the site root, for diagnostics
	Path     string // slash path relative to the content root
	URL      string // output folder, "processes/intake/"; "" for the home page
	ID       string
	Kind     Kind
	List     bool   // an _index.md: the text of a folder's list page
	Section  string // top-level folder, "" for files at the content root
	Title    string
	Meta     Meta
	keys     []keyPos // where each front matter key was written
	Body     []byte   // Markdown after the front matter, LF line ends
	BodyLine int      // line of File on which Body starts
	Summary  string   // `summary`/`description` key, or the first paragraph

	// Relations derived by Resolve.
	SupersededBy []*Page
	Instructions []*Page // of a process: listed in `instructions` or naming it as `process`
	Risks        []*Page // of a process
	KPIs         []*Page // of a process
	Decisions    []*Page // decisions related to this page
	RACI         []RACIRef
	ReferencedBy []*Page // pages whose front matter refers to this one

	successors        []Ref             // a decision record's "superseded by", linked by Load (adr.go)
	brokenFrontMatter bool              // the front matter did not parse: its title may be in it
	front             [sha256.Size]byte // hash of the front matter source
}

// SameExceptBody reports whether a and b, read from one file at two
// moments, decode to the same page apart from the Markdown after the front
// matter: same front matter, title, summary and body start. The dev server
// then re-renders the page without loading the site again.
func SameExceptBody(a, b *Page) bool {
	return a != nil && b != nil && a.front == b.front && a.File == b.File && a.Path == b.Path &&
		a.Title == b.Title && a.Summary == b.Summary && a.BodyLine == b.BodyLine &&
		a.brokenFrontMatter == b.brokenFrontMatter && a.ID == b.ID && a.Kind == b.Kind && a.List == b.List
}

// FrontSum returns the SHA-256 of the page's front matter as written
// (and whether it was closed), for cache keys.
func (p *Page) FrontSum() [sha256.Size]byte { return p.front }

// RACIRef is a RACI row with the governance page that holds it.
type RACIRef struct {
	Page *Page
	Row  *RACIRow
}

// Pos returns the position of front matter key, or of the file when the key is absent.
func (p *Page) Pos(key string) Pos {
	for _, k := range p.keys {
		if k.key == key {
			return Pos{File: p.File, Line: k.line, Col: k.col}
		}
	}
	return Pos{File: p.File, Line: 1, Col: 1}
}

// keyPos is where a front matter key was written: a page has a dozen keys,
// and at 100,000 pages a map per page is a hundred megabytes.
type keyPos struct {
	key       string
	line, col int
}

// Meta holds the front matter keys of SPEC.md. Keys of other kinds are
// decoded too, and ignored by the kinds they do not belong to.
type Meta struct {
	Type        string
	Owner       Ref
	Status      string
	Reviewed    Date
	ReviewEvery Interval
	Tags        []string
	Related     []Ref
	Weight      int
	Language    string
	Draft       bool

	// process
	Sponsor      Ref
	ApprovedBy   Ref
	ApprovedOn   Date
	KPIs         []Ref
	Instructions []Ref
	Risks        []Ref

	// instruction
	Process Ref
	Tools   []string

	// decision (Date is shared with training)
	Number     string // the record's number as written ("0003"); else the file name's
	Date       Date
	DecidedBy  []Ref
	Supersedes []Ref

	// governance
	RACI []RACIRow

	// risk
	Likelihood      int
	Impact          int
	Mitigation      string
	MitigationOwner Ref

	// kpi
	Unit, Baseline, Target, Frequency, Source string
	Measurements                              []Measurement // measurements: a list of {date, value}
	MeasurementsFile                          string        // measurements: the path of a CSV file
	MeasurementsPos                           Pos           // of the file's path

	// home page: the exit plan
	Milestones []Milestone

	// training
	Audience  []Ref
	Completed *bool
	Materials []string

	// meeting (Frequency is shared with kpi)
	Weekday      string
	Time         string
	Duration     string
	Starts       Date
	Chair        Ref
	Participants []Ref
	Agenda       []string
}

// NextReview returns the date the page is due for review, if it has one.
func (m *Meta) NextReview() (Date, bool) {
	if m.Reviewed.IsZero() || m.ReviewEvery.IsZero() {
		return Date{}, false
	}
	return Date{m.ReviewEvery.AddTo(m.Reviewed.Time)}, true
}

// RACIRow is one activity of a governance table.
type RACIRow struct {
	Activity string
	Process  Ref
	R, A     []Ref
	C, I     []Ref
	Pos      Pos
}

// Ref is a reference by id from front matter to a person, role or page.
// Resolve fills in what it points at.
type Ref struct {
	ID     string
	Pos    Pos
	Person *Person
	Role   *Role
	Page   *Page
}

// IsZero reports whether the reference is absent.
func (r Ref) IsZero() bool { return r.ID == "" }

// Name returns the display name of what r points at, or its id.
func (r Ref) Name() string {
	switch {
	case r.Person != nil:
		return r.Person.Name
	case r.Role != nil:
		return r.Role.Name
	case r.Page != nil:
		return r.Page.Title
	}
	return r.ID
}

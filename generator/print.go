package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/built"
	"github.com/handover-dev/handover/generator/pdf"
	"github.com/handover-dev/handover/generator/publish"
	"github.com/handover-dev/handover/generator/render"
	vw "github.com/handover-dev/handover/generator/view"
)

// printAnchor returns the id of a page, or of a heading in it, inside the
// print document, where every page's headings share one document.
func printAnchor(p *content.Page, anchor string) string {
	id := "p-" + strings.ReplaceAll(content.Slug(p.ID), "/", "-")
	if anchor != "" {
		id += "--" + anchor
	}
	return id
}

// printHref returns where a resolved link points inside the print document:
// pages become in-document links, files stay files.
func printHref(res linkResult) string {
	switch {
	case res.external || res.href == "":
		return res.href
	case res.target.Page != nil && res.target.Page.List && res.target.Page.ID != "_index":
		return "#" + printTarget(res.target.Page) // the chapter of the folder's kind
	case res.target.Page != nil:
		return "#" + printAnchor(res.target.Page, res.target.Anchor)
	}
	href := relPath("print/", res.target.Out)
	if res.target.Anchor != "" {
		href += "#" + res.target.Anchor
	}
	return href
}

// printBody returns the body of p rewritten for the print document: links
// to pages become in-document links, and heading and footnote ids get the
// page's prefix so that they stay unique in one document. It scans the
// HTML that goldmark wrote, whose attribute syntax is fixed.
func (b *builder) printBody(p *content.Page) template.HTML {
	r := b.bodies[p]
	prefix := printAnchor(p, "") + "--"
	src := b.html(r)
	release := b.release && !b.theme.OwnPrint
	if release {
		r.HTML = "" // the built-in print layout shows each page once; the page's view has its own reference
	}
	var out strings.Builder
	out.Grow(len(src) + len(src)/8)
	for {
		i := strings.IndexByte(src, '=')
		if i < 0 {
			out.WriteString(src)
			break
		}
		name := attrName(src[:i])
		if name == "" || i+1 >= len(src) || src[i+1] != '"' {
			out.WriteString(src[:i+1])
			src = src[i+1:]
			continue
		}
		end := strings.IndexByte(src[i+2:], '"')
		if end < 0 {
			out.WriteString(src)
			break
		}
		val := src[i+2 : i+2+end]
		out.WriteString(src[:i+2])
		out.WriteString(b.printAttr(r, name, val, prefix, src[:i]))
		out.WriteByte('"')
		src = src[i+3+end:]
	}
	if release {
		r.Print = nil
	}
	return template.HTML(out.String())
}

// attrName returns the attribute name that ends before, if it is one the
// print document rewrites.
func attrName(before string) string {
	for _, n := range []string{" href", " src", " id"} {
		if strings.HasSuffix(before, n) {
			return n[1:]
		}
	}
	return ""
}

// printAttr returns the rewritten value of one attribute.
func (b *builder) printAttr(r *built.Body, name, val, prefix, before string) string {
	switch name {
	case "href", "src":
		if to, ok := r.Print[unescapeAttr(val)]; ok {
			return template.HTMLEscapeString(b.printLink(to, name == "href"))
		}
		if strings.HasPrefix(val, "#fn") {
			return "#" + prefix + val[1:]
		}
	case "id":
		if isHeadingTag(before) || strings.HasPrefix(val, "fn") {
			return prefix + val
		}
	}
	return val
}

// isHeadingTag reports whether before ends inside an <hN tag.
func isHeadingTag(before string) bool {
	i := strings.LastIndexByte(before, '<')
	return i >= 0 && len(before) >= i+3 && before[i+1] == 'h' && before[i+2] >= '1' && before[i+2] <= '6'
}

// attrUnescaper undoes the escaping goldmark applies to attribute values;
// a Replacer is safe for concurrent use and costly to build, so there is one.
var attrUnescaper = strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">")

func unescapeAttr(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return attrUnescaper.Replace(s)
}

// printLink returns a link of a page's text as the dossier has it. The
// body's links were made relative to print/ (printHref) when the page was
// rendered; a link to a page the build makes that the built-in dossier
// holds too goes inside it (page is set for href, not for src): the
// readiness checklist, the people and each person, a folder's list
// without _index.md (its chapter). Any other file stays a file, relative
// to where the dossier is written (under _handover/ when the site's
// content takes print/).
func (b *builder) printLink(href string, page bool) string {
	if href == "" || href[0] == '#' || content.LinkScheme(href) != "" {
		return href
	}
	rel, frag, _ := strings.Cut(href, "#")
	out := path.Join("print", rel)
	if page && !b.theme.OwnPrint {
		if id := b.printPart(out); id != "" {
			return "#" + id
		}
	}
	dir := strings.TrimSuffix(b.out(printOut), "index.html")
	if dir == "print/" {
		return href
	}
	if href = relPath(dir, out); frag != "" {
		href += "#" + frag
	}
	return href
}

// printPart returns the id in the built-in dossier of the page the build
// writes at out, when the dossier holds it too; else "".
func (b *builder) printPart(out string) string {
	switch out {
	case b.out("readiness/index.html"):
		return "print-readiness"
	case b.out("people/index.html"):
		return "print-people"
	}
	dir, ok := strings.CutSuffix(out, "/index.html")
	if !ok {
		return ""
	}
	if id, ok := strings.CutPrefix(strings.TrimPrefix(dir, movedPrefix), "people/"); ok && !strings.Contains(id, "/") && b.outputs[out] {
		return personAnchor(id)
	}
	if s := b.sections[dir]; s != nil && s.URL()+"index.html" == out {
		for _, p := range b.site.Pages {
			if p.Kind == s.Kind && p.ID != "_index" {
				return printChapter(s.Kind) // the chapter is there
			}
		}
	}
	return ""
}

// printTarget returns the id in the print document where a link to p
// goes: the page's own section, or for a folder's list page the chapter of
// its kind, which holds the folder's text and register.
func printTarget(p *content.Page) string {
	if p.List && p.ID != "_index" {
		return printChapter(p.Kind)
	}
	return printAnchor(p, "")
}

// printChapter returns the id of the chapter of kind k.
func printChapter(k content.Kind) string { return "p-" + k.Spec().Folder }

// personAnchor returns the id of a person's or role's entry in the
// dossier's list of people.
func personAnchor(id string) string { return "pp-" + content.Slug(id) }

// PrintSection is one chapter of the print document.
type PrintSection struct {
	ID     string
	Kind   string // the kind of its pages
	Title  string
	Intros []*content.Page // the list pages (_index.md) of its folders: their text opens the chapter
	Pages  []*content.Page
}

// printSections lists the pages in document order: the kinds in their
// order, each folder's pages in their list order.
func (b *builder) printSections() []PrintSection {
	var out []PrintSection
	for _, k := range content.Kinds {
		var ps, intros []*content.Page
		for _, p := range b.site.Pages {
			switch {
			case p.Kind != k || p.ID == "_index":
			case p.List:
				intros = append(intros, p)
			default:
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 && len(intros) == 0 {
			continue
		}
		sortPages(ps)
		sort.Slice(intros, func(i, j int) bool { return intros[i].Path < intros[j].Path })
		out = append(out, PrintSection{ID: printChapter(k), Kind: string(k), Title: b.theme.Label("section." + string(k)), Intros: intros, Pages: ps})
	}
	return out
}

// PrintBody returns a page's body rewritten for the print document.
func (v *view) PrintBody(p *content.Page) template.HTML { return v.b.printBody(p) }

// PrintID returns the anchor of a page in the print document.
func (v *view) PrintID(p *content.Page) string { return printAnchor(p, "") }

// PrintSections returns the chapters of the print document.
func (v *view) PrintSections() []PrintSection { return v.b.printSections() }

// Home returns the handover document, or nil.
func (v *view) Home() *content.Page { return v.b.site.PageByID("_index") }

// The helpers below are what the content partials (partials/content.html)
// ask of the view they render; a page of the site gets the link targets
// of the site, a page of the dossier (printView) those inside the dossier.

// Anchor returns the id of a heading the page's layout adds (the RACI
// matrix, the agenda): on a page of the site the id as it is.
func (v *view) Anchor(id string) string { return id }

// PersonID returns the id of a person's or role's row in the list of
// people: none on the site, where each has a page of their own.
func (v *view) PersonID(string) string { return "" }

// RACIColumns returns the people of a RACI matrix in the groups it is
// shown in: on screen one table with everybody, which scrolls.
func (v *view) RACIColumns(rows []content.RACIRow) [][]content.Ref {
	return [][]content.Ref{vw.RACIPeople(rows)}
}

// RACIWide reports whether a RACI matrix is printed on landscape pages:
// never on screen.
func (v *view) RACIWide([]content.RACIRow) bool { return false }

// Readiness returns the handover checklist of the build.
func (v *view) Readiness() *Readiness { return v.b.ready }

// Doc returns the view the dossier's own parts (readiness, people) are
// rendered with: links inside the dossier.
func (v *view) Doc() *printView { return v.b.printView(v, nil) }

// PrintView returns the view of page p inside the dossier, for the
// content partials.
func (v *view) PrintView(p *content.Page) *printView { return v.b.printView(v, p) }

// Paper returns the CSS page size of the dossier (print.paper).
func (v *view) Paper() string {
	if v.b.site.Config.Print.Paper == "letter" {
		return "letter"
	}
	return "A4"
}

// CommitmentDocument returns how the dossier names the written management
// commitment: the title of a page, or the document as handover.yaml names it.
func (v *view) CommitmentDocument() string {
	doc := strings.TrimSpace(v.b.site.Config.Commitment.Document)
	if p := v.b.site.PageByID(doc); p != nil {
		return p.Title
	}
	return doc
}

// Signer is one signature block of the dossier's sign-off page.
type Signer struct {
	Name, Role string
}

// Signers returns who signs the dossier: signoff of handover.yaml, or else
// whoever signed the management commitment. A person signs in the role
// signoff gives, or else with the function people.yaml gives; a role
// stands for each of its members who has not left, each with their
// function and the role's name (or the role signoff gives).
func (v *view) Signers() []Signer {
	cfg := &v.b.site.Config
	list := cfg.Signoff
	if len(list) == 0 && !cfg.Commitment.By.IsZero() {
		list = []content.Signatory{{By: cfg.Commitment.By}}
	}
	var out []Signer
	for _, s := range list {
		switch {
		case s.By.Person != nil:
			out = append(out, Signer{Name: s.By.Person.Name, Role: cmp.Or(s.Role, s.By.Person.Role)})
		case s.By.Role != nil:
			group := cmp.Or(s.Role, s.By.Role.Name)
			for _, m := range s.By.Role.Members {
				if p := m.Person; p != nil && (p.Left.IsZero() || v.b.now.Before(p.Left.Time)) {
					role := group
					if p.Role != "" {
						role = p.Role + " · " + group
					}
					out = append(out, Signer{Name: p.Name, Role: role})
				}
			}
		case s.Name != "":
			out = append(out, Signer{Name: s.Name, Role: s.Role})
		case !s.By.IsZero():
			out = append(out, Signer{Name: s.By.ID, Role: s.Role}) // an unknown id, reported by the checks
		}
	}
	return out
}

// printView is what the content partials see for a page of the dossier:
// the view of the page, except that every link stays inside the document
// (to the page's section, a chapter, or the list of people) and that the
// ids of the headings the partials add carry the page's prefix. Its
// methods shadow those of view with the same name.
type printView struct {
	*view
}

// printView returns the dossier's view of page p (nil for the dossier's
// own parts), from v, the view of the print document.
func (b *builder) printView(v *view, p *content.Page) *printView {
	pv := &view{b: b, Page: p, Layout: v.Layout, Title: v.Title, Dir: v.Dir}
	if p != nil {
		pv.Title, pv.Section = p.Title, b.sections[dirOf(p.Path)]
	}
	return &printView{pv}
}

// Href returns the in-document link to a page.
func (v *printView) Href(p *content.Page) string { return "#" + printTarget(p) }

// PersonHref returns the in-document link to a person or role in the list of people.
func (v *printView) PersonHref(id string) string { return "#" + personAnchor(id) }

// TagHref returns "": the dossier has no tag pages, so a tag is printed as
// text.
func (v *printView) TagHref(string) string { return "" }

// PersonID returns the id of a person's or role's entry in the list of people.
func (v *printView) PersonID(id string) string { return personAnchor(id) }

// Anchor returns the id of a heading the layout adds, unique in the dossier.
func (v *printView) Anchor(id string) string {
	if v.Page == nil {
		return "print-" + id
	}
	return printAnchor(v.Page, id)
}

// Who renders a reference as an in-document link with its name.
func (v *printView) Who(r content.Ref) template.HTML {
	switch {
	case r.Person != nil || r.Role != nil:
		return template.HTML(`<a href="` + render.HrefAttr(v.PersonHref(r.ID)) + `">` + render.HTMLText(r.Name()) + `</a>`)
	case r.Page != nil:
		return template.HTML(`<a href="` + render.HrefAttr(v.Href(r.Page)) + `">` + render.HTMLText(r.Page.Title) + `</a>`)
	}
	return template.HTML(render.HTMLText(r.ID))
}

// Whos renders references separated by commas.
func (v *printView) Whos(refs []content.Ref) template.HTML {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = string(v.Who(r))
	}
	return template.HTML(strings.Join(parts, ", "))
}

// Links renders pages as a list of in-document links, like view.Links.
func (v *printView) Links(ps []*content.Page) template.HTML {
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<ul class="pagelist">`)
	for _, p := range ps {
		b.WriteString(`<li><a href="` + render.HrefAttr(v.Href(p)) + `">` + render.HTMLText(p.Title) + `</a>`)
		if s := p.Meta.Status; s != "" {
			b.WriteString(` <span class="status status-` + render.HTMLText(s) + `">` + render.HTMLText(v.Status(s)) + `</span>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}

// A RACI matrix is printed on the page as it is with up to raciPortrait
// people; with more it goes on landscape pages, at most raciPerTable
// people to a table, each table repeating the activities.
const (
	raciPortrait = 8
	raciPerTable = 16
)

// RACIWide reports whether a RACI matrix goes on landscape pages.
func (v *printView) RACIWide(rows []content.RACIRow) bool {
	return len(vw.RACIPeople(rows)) > raciPortrait
}

// RACIColumns returns the people of a RACI matrix in tables of at most
// raciPerTable, of about equal size.
func (v *printView) RACIColumns(rows []content.RACIRow) [][]content.Ref {
	people := vw.RACIPeople(rows)
	n := (len(people) + raciPerTable - 1) / raciPerTable
	if n <= 1 {
		return [][]content.Ref{people}
	}
	out := make([][]content.Ref, 0, n)
	for i := range n {
		out = append(out, people[i*len(people)/n:(i+1)*len(people)/n])
	}
	return out
}

// ownPDF lists the PDF in the output's manifest when --pdf names a file
// inside the output folder dir, so that the next build may replace it.
func (b *builder) ownPDF(stage *publish.Stage, dir string) error {
	rel, inside := archiveIn(b.opts.PDF, dir)
	if !inside {
		return nil
	}
	if err := stage.Own(rel); err != nil {
		if errors.Is(err, publish.ErrUsage) {
			return publish.Usage(fmt.Sprintf("--pdf %s would replace %s of the site itself; choose a path the site does not use", b.opts.PDF, rel))
		}
		return err
	}
	return nil
}

// writePDF prints the published dossier, dir/print/index.html, to the
// file --pdf names (generator/pdf), dated like the archive.
func (b *builder) writePDF(ctx context.Context, dir string) error {
	if b.opts.PDF == "" {
		return nil
	}
	creator := "handover"
	if v := b.opts.Version; v != "" {
		creator += " " + v
	}
	err := pdf.Write(ctx, pdf.Options{
		Page:    filepath.Join(dir, filepath.FromSlash(b.out(printOut))),
		Root:    dir,
		Out:     b.opts.PDF,
		Paper:   b.site.Config.Print.Paper,
		Date:    archiveStamp(b.opts.Now),
		Creator: creator,
	})
	if err != nil {
		return fmt.Errorf("--pdf %s: %w (the site itself was published in %s)", b.opts.PDF, err, b.opts.Destination)
	}
	return nil
}

// printOut is the print document's file in the output, unless the site's
// content takes it (b.out).
const printOut = "print/index.html"

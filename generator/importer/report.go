package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/handover-dev/handover/content"
)

// reportText are the report page's words, per language.
var reportText = map[string]map[string]string{
	"en": {
		"title":    "Import report",
		"intro":    "This site was imported by `handover import --from %s`. The source was not changed; this page is rewritten by every import.",
		"counts":   "%d pages (%d decisions) and %d attachments.",
		"lost":     "What could not be carried over",
		"nothing":  "Nothing: every page, attachment and decision record came along.",
		"problems": "Problems the site still has",
		"clean":    "None: `handover build` builds this site.",
		"checks":   "These are what `handover check` reports, by rule; each line names the file and line in this site, and the file it was imported from.",
		"from":     "from",
	},
	"nl": {
		"title":    "Importverslag",
		"intro":    "Deze site is geïmporteerd met `handover import --from %s`. De bron is niet gewijzigd; elke import schrijft deze pagina opnieuw.",
		"counts":   "%d pagina's (%d besluiten) en %d bijlagen.",
		"lost":     "Wat niet is meegekomen",
		"nothing":  "Niets: elke pagina, bijlage en elk besluit is meegekomen.",
		"problems": "Problemen die de site nog heeft",
		"clean":    "Geen: `handover build` bouwt deze site.",
		"checks":   "Dit meldt `handover check`, per regel; elke regel noemt het bestand en de regel in deze site, en het bestand waaruit het is geïmporteerd.",
		"from":     "uit",
	},
}

// writeReport plans the report page: what the import could not carry
// over, and every diagnostic of the imported site with its position.
func (p *plan) writeReport(diags content.Diagnostics) {
	lang := "en"
	if strings.Contains(string(p.files["handover.yaml"]), "\nlanguage: nl\n") {
		lang = "nl"
	}
	t := reportText[lang]
	pages, decisions, attachments := 0, 0, 0
	for name := range p.files {
		switch {
		case p.assets[name]:
			attachments++
		case strings.HasPrefix(name, "content/") && isMarkdown(name):
			pages++
			if strings.HasPrefix(name, "content/decisions/") {
				decisions++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nweight: 1000000\n---\n", t["title"])
	fmt.Fprintf(&b, t["intro"]+"\n\n", p.source.kind)
	fmt.Fprintf(&b, t["counts"]+"\n\n", pages+1, decisions, attachments)
	fmt.Fprintf(&b, "## %s\n\n", t["lost"])
	lost := append(append([]string(nil), p.source.notes...), p.lost...)
	sort.Strings(lost)
	if len(lost) == 0 {
		b.WriteString(t["nothing"] + "\n")
	}
	for _, l := range lost {
		fmt.Fprintf(&b, "- %s\n", code(l))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t["problems"])
	if len(diags) == 0 {
		b.WriteString(t["clean"] + "\n")
	} else {
		b.WriteString(t["checks"] + "\n")
	}
	byRule := map[string][]content.Diagnostic{}
	for _, d := range diags {
		byRule[d.Rule] = append(byRule[d.Rule], d)
	}
	for _, rule := range sortedKeys(byRule) {
		fmt.Fprintf(&b, "\n### %s (%d)\n\n", rule, len(byRule[rule]))
		for _, d := range byRule[rule] {
			line := d.String()
			if src := p.origin[d.Pos.File]; src != "" {
				line += " (" + t["from"] + " " + src + ")"
			}
			fmt.Fprintf(&b, "- %s\n", code(line))
		}
	}
	p.files["content/"+ReportPage] = []byte(b.String())
}

// code writes s as a code span, which no Markdown in it can break.
func code(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

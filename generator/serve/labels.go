package serve

import (
	"strconv"
	"strings"
)

// Labels are the texts the dev server shows itself: the error overlay, and
// the pages it serves before the first build and where the site has no
// page. The generator sets them from the theme's labels (live.* in
// themes/default/i18n) in the site's language; until then they are
// English.
type Labels struct {
	Lang          string // language code for the lang attribute of the server's own pages
	ProblemsOne   string // the overlay's title for one problem
	ProblemsMany  string // the overlay's title for more; {n} is the number
	Close         string // the overlay's close button
	BuildingTitle string // the page served until the first build is done
	Building      string
	NotFoundTitle string // the page served for a path the site has no file at, when it has no 404.html
	NotFound      string
}

// EnglishLabels are the labels before the generator sets any.
func EnglishLabels() Labels {
	return Labels{
		Lang:          "en",
		ProblemsOne:   "1 problem in the site; showing the last good build",
		ProblemsMany:  "{n} problems in the site; showing the last good build",
		Close:         "Close",
		BuildingTitle: "Building…",
		Building:      "The site is being built; this page reloads when it is ready.",
		NotFoundTitle: "Not found",
		NotFound:      "No page at this address.",
	}
}

// withDefaults fills what l leaves empty from the English labels.
func (l Labels) withDefaults() Labels {
	en := EnglishLabels()
	for _, f := range []struct {
		dst *string
		def string
	}{
		{&l.Lang, en.Lang}, {&l.ProblemsOne, en.ProblemsOne}, {&l.ProblemsMany, en.ProblemsMany},
		{&l.Close, en.Close}, {&l.BuildingTitle, en.BuildingTitle}, {&l.Building, en.Building},
		{&l.NotFoundTitle, en.NotFoundTitle}, {&l.NotFound, en.NotFound},
	} {
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
	return l
}

// problems heads the overlay for n problems.
func (l Labels) problems(n int) string {
	if n == 1 {
		return l.ProblemsOne
	}
	return strings.ReplaceAll(l.ProblemsMany, "{n}", strconv.Itoa(n))
}

// SetLabels sets the texts the server shows itself. Open pages with an
// overlay get it again in the new language.
func (s *Server) SetLabels(l Labels) {
	l = l.withDefaults()
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	if old := s.labels.Load(); old != nil && *old == l {
		return
	}
	s.labels.Store(&l)
	if problems := *s.problems.Load(); len(problems) > 0 {
		s.hub.broadcast(errorsEvent(problems, l))
	}
}

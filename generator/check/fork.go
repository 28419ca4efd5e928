package check

import "github.com/handover-dev/handover/content"

// ForkOrphans returns the orphans, each pointing at the copies of its
// page and person in f, the fork of the content they were found in
// (content.Site.Fork).
func ForkOrphans(orphans []Orphan, f *content.Fork) []Orphan {
	if orphans == nil {
		return nil
	}
	out := make([]Orphan, len(orphans))
	for i, o := range orphans {
		o.Page, o.Who = f.Page(o.Page), f.Ref(o.Who)
		out[i] = o
	}
	return out
}

// Fork returns a copy of the checklist whose pages are their copies in f:
// a dev server's patch that changes no diagnostic keeps the checklist of
// the build before, which it does not write.
func (r *Readiness) Fork(f *content.Fork) *Readiness {
	if r == nil {
		return nil
	}
	c := *r
	c.Orphans = ForkOrphans(r.Orphans, f)
	c.Items = make([]ReadinessItem, len(r.Items))
	for i, it := range r.Items {
		it.Blockers, it.Later = forkBlockers(it.Blockers, f), forkBlockers(it.Later, f)
		c.Items[i] = it
	}
	if r.Items == nil {
		c.Items = nil
	}
	return &c
}

func forkBlockers(bs []Blocker, f *content.Fork) []Blocker {
	if bs == nil {
		return nil
	}
	out := make([]Blocker, len(bs))
	for i, b := range bs {
		b.Page = f.Page(b.Page)
		out[i] = b
	}
	return out
}

package watch

import (
	"path"
	"slices"
	"strings"
	"time"
)

// Batch is one set of changes below the watched root.
type Batch struct {
	// Paths are the changed slash paths relative to the root, sorted and
	// without duplicates. A path may name a folder that was created,
	// removed or renamed; the files of a removed folder are not always
	// listed one by one.
	Paths []string
	// Rescan is set when changes may have been missed (lost events, a
	// watch limit, a watcher error): the receiver should rebuild everything.
	Rescan bool
	// Warning says why Rescan is set, for the terminal; empty otherwise.
	Warning string
}

// A batch with more than burstPaths paths waits burstQuietFactor quiet
// periods for the next change; editor saves touch a handful of paths.
const (
	burstPaths       = 16
	burstQuietFactor = 5
)

// SavedQuiet is how long a batch waits for more changes once its last
// change completed an atomic save: a file renamed over another in the
// same folder, which editors and save libraries do as the save's last
// step. The file's new content is then in place as a whole; waiting the
// full quiet period would only delay the preview.
const SavedQuiet = 2 * time.Millisecond

// batcher collects changes and decides when they form a batch: after a
// quiet period with no new change, or at the latest maxDelay after the
// first change, so a long burst still shows progress. It has no clock of
// its own; every call says what time it is.
type batcher struct {
	quiet    time.Duration
	maxDelay time.Duration
	paths    map[string]struct{}
	rescan   bool
	warnings []string
	first    time.Time
	last     time.Time
	// renamed is the last path of the batch renamed away (the temporary
	// file of an atomic save); saved is set when the last change was a
	// file created by renaming another one of its folder over it.
	renamed string
	saved   bool
}

func newBatcher(quiet, maxDelay time.Duration) *batcher {
	return &batcher{quiet: quiet, maxDelay: maxDelay, paths: map[string]struct{}{}}
}

// add records a change to rel at time now.
func (b *batcher) add(now time.Time, rel string) {
	b.touch(now)
	b.paths[rel] = struct{}{}
	b.saved = false
}

// addRenamed records that rel was renamed away (or onto something else).
func (b *batcher) addRenamed(now time.Time, rel string) {
	b.add(now, rel)
	b.renamed = rel
}

// addCreated records that rel was created; file says it is a file. A file
// created right after another file of its folder was renamed away is the
// end of an atomic save (write a temporary file, rename it over the old
// one). A rename of the file itself first (vim and emacs keep a backup that
// way, then write the file anew) is not: more writes follow.
func (b *batcher) addCreated(now time.Time, rel string, file bool) {
	renamed := b.renamed
	b.add(now, rel)
	b.saved = file && renamed != "" && renamed != rel && path.Dir(renamed) == path.Dir(rel)
}

// addRescan records that changes may have been lost, and why.
func (b *batcher) addRescan(now time.Time, warning string) {
	b.touch(now)
	b.rescan = true
	if warning != "" && !slices.Contains(b.warnings, warning) {
		b.warnings = append(b.warnings, warning)
	}
}

func (b *batcher) touch(now time.Time) {
	if !b.pending() {
		b.first = now
	}
	b.last = now
}

// pending reports whether changes are waiting to be delivered.
func (b *batcher) pending() bool {
	return len(b.paths) > 0 || b.rescan
}

// due returns when the pending changes form a batch; ok is false when
// nothing is pending.
func (b *batcher) due() (at time.Time, ok bool) {
	if !b.pending() {
		return time.Time{}, false
	}
	quiet := b.quiet
	if b.saved && quiet > SavedQuiet {
		quiet = SavedQuiet
	}
	if len(b.paths) > burstPaths {
		// A burst (a checkout, a copy) is under way: a pause of one quiet
		// period is more likely a hiccup of the writer than its end, and
		// waiting a little longer costs little next to rebuilding it all.
		quiet *= burstQuietFactor
	}
	at = b.last.Add(quiet)
	if capAt := b.first.Add(b.maxDelay); capAt.Before(at) {
		at = capAt
	}
	return at, true
}

// take returns the pending batch and starts a new one if the batch is due
// at now; otherwise ok is false and nothing changes.
func (b *batcher) take(now time.Time) (batch Batch, ok bool) {
	at, ok := b.due()
	if !ok || now.Before(at) {
		return Batch{}, false
	}
	batch = Batch{
		Paths:   make([]string, 0, len(b.paths)),
		Rescan:  b.rescan,
		Warning: strings.Join(b.warnings, "; "),
	}
	for p := range b.paths {
		batch.Paths = append(batch.Paths, p)
	}
	slices.Sort(batch.Paths)
	b.paths = map[string]struct{}{}
	b.rescan = false
	b.warnings = nil
	b.renamed, b.saved = "", false
	return batch, true
}

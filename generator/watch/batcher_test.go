package watch

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// step is one input to the batcher in a scripted test: a change (path),
// a lost-events signal (rescan) or a request for a batch (take), at a time
// in milliseconds after the start.
type step struct {
	ms     int
	path   string
	rescan string
	take   bool
}

func TestBatcher(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		want  []Batch // the batches the take steps return, in order
	}{
		{
			name:  "nothing pending gives nothing",
			steps: []step{{ms: 100, take: true}},
		},
		{
			name: "one save after the quiet period",
			steps: []step{
				{ms: 0, path: "content/a.md"},
				{ms: 19, take: true},
				{ms: 20, take: true},
			},
			want: []Batch{{Paths: []string{"content/a.md"}}},
		},
		{
			name: "duplicates removed and paths sorted",
			steps: []step{
				{ms: 0, path: "content/b.md"},
				{ms: 1, path: "content/a.md"},
				{ms: 2, path: "content/b.md"},
				{ms: 30, take: true},
			},
			want: []Batch{{Paths: []string{"content/a.md", "content/b.md"}}},
		},
		{
			name: "a burst with small gaps is one batch",
			steps: []step{
				{ms: 0, path: "a"}, {ms: 10, path: "b"}, {ms: 20, path: "c"},
				{ms: 35, take: true},
				{ms: 40, take: true},
			},
			want: []Batch{{Paths: []string{"a", "b", "c"}}},
		},
		{
			name: "a gap longer than quiet splits batches",
			steps: []step{
				{ms: 0, path: "a"},
				{ms: 25, take: true},
				{ms: 30, path: "b"},
				{ms: 55, take: true},
			},
			want: []Batch{{Paths: []string{"a"}}, {Paths: []string{"b"}}},
		},
		{
			name: "an endless stream is cut at max delay",
			steps: []step{
				{ms: 0, path: "a"}, {ms: 15, path: "b"}, {ms: 30, path: "a"},
				{ms: 45, path: "b"}, {ms: 60, take: true}, {ms: 60, path: "c"},
				{ms: 75, path: "a"}, {ms: 90, path: "b"}, {ms: 105, path: "c"},
				{ms: 120, path: "a"}, {ms: 135, path: "b"}, {ms: 150, path: "c"},
				{ms: 165, path: "a"}, {ms: 180, path: "b"}, {ms: 195, path: "c"},
				{ms: 210, path: "a"}, {ms: 225, path: "b"}, {ms: 240, path: "c"},
				{ms: 255, path: "a"}, {ms: 270, path: "b"}, {ms: 285, path: "c"},
				{ms: 299, take: true},
				{ms: 300, path: "d"},
				{ms: 300, take: true},
				{ms: 310, path: "e"},
				{ms: 330, take: true},
			},
			want: []Batch{
				{Paths: []string{"a", "b", "c", "d"}},
				{Paths: []string{"e"}},
			},
		},
		{
			name: "a burst waits longer for its next change",
			steps: append(burst(0, 17),
				step{ms: 21, take: true}, // quiet, but a burst: wait on
				step{ms: 60, path: "late"},
				step{ms: 159, take: true},
				step{ms: 160, take: true},
			),
			want: []Batch{{Paths: append([]string{"late"}, manyPaths(17)...)}},
		},
		{
			name: "rescan carries its warnings once",
			steps: []step{
				{ms: 0, rescan: "events lost"},
				{ms: 1, path: "a"},
				{ms: 2, rescan: "events lost"},
				{ms: 3, rescan: "watch limit"},
				{ms: 30, take: true},
				{ms: 40, path: "b"},
				{ms: 60, take: true},
			},
			want: []Batch{
				{Paths: []string{"a"}, Rescan: true, Warning: "events lost; watch limit"},
				{Paths: []string{"b"}},
			},
		},
		{
			name: "rescan without paths is a batch",
			steps: []step{
				{ms: 0, rescan: "events lost"},
				{ms: 20, take: true},
			},
			want: []Batch{{Paths: []string{}, Rescan: true, Warning: "events lost"}},
		},
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBatcher(20*time.Millisecond, 300*time.Millisecond)
			var got []Batch
			for _, s := range tt.steps {
				now := start.Add(time.Duration(s.ms) * time.Millisecond)
				switch {
				case s.take:
					if batch, ok := b.take(now); ok {
						got = append(got, batch)
					}
				case s.rescan != "":
					b.addRescan(now, s.rescan)
				default:
					b.add(now, s.path)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("batches:\n got %#v\nwant %#v", got, tt.want)
			}
			if b.pending() {
				t.Errorf("changes left pending after the last take")
			}
		})
	}
}

// burst returns n changes of distinct paths at time ms.
func burst(ms, n int) []step {
	var steps []step
	for _, p := range manyPaths(n) {
		steps = append(steps, step{ms: ms, path: p})
	}
	return steps
}

// manyPaths returns n distinct sorted paths.
func manyPaths(n int) []string {
	var paths []string
	for i := range n {
		paths = append(paths, fmt.Sprintf("p%03d", i))
	}
	return paths
}

func TestBatcherDue(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return start.Add(time.Duration(n) * time.Millisecond) }
	b := newBatcher(20*time.Millisecond, 300*time.Millisecond)
	if _, ok := b.due(); ok {
		t.Fatal("due with nothing pending")
	}
	tests := []struct {
		addAt int
		want  time.Time
	}{
		{0, ms(20)},
		{10, ms(30)},
		{290, ms(300)}, // capped by max delay
		{295, ms(300)},
	}
	for _, tt := range tests {
		b.add(ms(tt.addAt), "a")
		if got, ok := b.due(); !ok || !got.Equal(tt.want) {
			t.Errorf("after a change at %dms: due %v, %v; want %v", tt.addAt, got.Sub(start), ok, tt.want.Sub(start))
		}
	}
}

// TestBatcherSaved: the rename that ends an atomic save (a temporary file
// renamed over the page) makes the batch due after SavedQuiet; a backup
// renamed away before the file is written anew, a write after the rename,
// or a folder do not.
func TestBatcherSaved(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return start.Add(time.Duration(ms) * time.Millisecond) }
	const quiet = 20 * time.Millisecond
	tests := []struct {
		name string
		do   func(b *batcher)
		want time.Duration // when the batch is due, after the last change at 10 ms
	}{
		{"temporary file renamed over the page", func(b *batcher) {
			b.add(at(0), "content/.a.md.123.tmp")
			b.addRenamed(at(10), "content/.a.md.123.tmp")
			b.addCreated(at(10), "content/a.md", true)
		}, SavedQuiet},
		{"a write after the rename", func(b *batcher) {
			b.addRenamed(at(10), "content/a.md.tmp")
			b.addCreated(at(10), "content/a.md", true)
			b.add(at(10), "content/a.md")
		}, quiet},
		{"the file itself renamed to a backup, then written anew (vim, emacs)", func(b *batcher) {
			b.addRenamed(at(10), "content/a.md")
			b.addCreated(at(10), "content/a.md", true)
		}, quiet},
		{"renamed from another folder", func(b *batcher) {
			b.addRenamed(at(10), "tmp/a.md")
			b.addCreated(at(10), "content/a.md", true)
		}, quiet},
		{"a folder renamed into place", func(b *batcher) {
			b.addRenamed(at(10), "content/new.tmp")
			b.addCreated(at(10), "content/new", false)
		}, quiet},
		{"a plain write", func(b *batcher) {
			b.add(at(10), "content/a.md")
		}, quiet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBatcher(quiet, 300*time.Millisecond)
			tt.do(b)
			due, ok := b.due()
			if !ok || due.Sub(at(10)) != tt.want {
				t.Errorf("due %v after the last change, want %v", due.Sub(at(10)), tt.want)
			}
			// The next batch starts afresh.
			if _, ok := b.take(due); !ok {
				t.Fatal("no batch when due")
			}
			b.add(at(100), "content/b.md")
			if due, _ := b.due(); due.Sub(at(100)) != quiet {
				t.Errorf("the next batch is due %v after its change, want %v", due.Sub(at(100)), quiet)
			}
		})
	}
}

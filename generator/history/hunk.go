package history

// Hunk is a run of changed lines with the unchanged lines around them, as in
// a unified diff ("@@ -OldStart,OldLines +NewStart,NewLines @@").
type Hunk struct {
	OldStart, OldLines int // where the hunk starts in the old text, and its length there
	NewStart, NewLines int // the same for the new text
	Lines              []Line
}

// Hunks groups the lines of a diff into hunks with up to context unchanged
// lines before and after each change; changes closer together than twice
// that share a hunk. A diff without changes has no hunks.
func Hunks(lines []Line, context int) []Hunk {
	context = max(context, 0)
	var hunks []Hunk
	for i := 0; i < len(lines); {
		if lines[i].Op == Equal {
			i++
			continue
		}
		start := max(i-context, 0)
		end := hunkEnd(lines, i, context)
		hunks = append(hunks, newHunk(lines, start, end))
		i = end
	}
	return hunks
}

// hunkEnd returns the index after the last line of the hunk whose first
// change is at i.
func hunkEnd(lines []Line, i, context int) int {
	last := i // the last changed line so far
	for j := i + 1; j < len(lines) && j <= last+2*context+1; j++ {
		if lines[j].Op != Equal {
			last = j
		}
	}
	return min(last+context+1, len(lines))
}

// newHunk makes the hunk of lines[start:end] and works out its numbers.
func newHunk(lines []Line, start, end int) Hunk {
	h := Hunk{Lines: lines[start:end:end]}
	// Line numbers only grow, so the nearest numbered lines before start
	// give the numbers the hunk continues from.
	oldBefore, newBefore := 0, 0
	for j := start - 1; j >= 0 && (oldBefore == 0 || newBefore == 0); j-- {
		if oldBefore == 0 {
			oldBefore = lines[j].Old
		}
		if newBefore == 0 {
			newBefore = lines[j].New
		}
	}
	for _, l := range h.Lines {
		if l.Op != Insert {
			h.OldLines++
		}
		if l.Op != Delete {
			h.NewLines++
		}
	}
	h.OldStart, h.NewStart = oldBefore, newBefore
	if h.OldLines > 0 {
		h.OldStart++
	}
	if h.NewLines > 0 {
		h.NewStart++
	}
	return h
}

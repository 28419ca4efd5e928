package generator

import "github.com/handover-dev/handover/generator/output"

// Sink and MemSink are package output's, in the generator's API
// (Options.Sink).
type (
	Sink    = output.Sink
	MemSink = output.MemSink
)

// Package examples holds complete example sites; the small English one is
// embedded as the scaffold of `handover new site`.
package examples

import "embed"

// Small is the small English example site, under "en-small/".
//
//go:embed all:en-small
var Small embed.FS

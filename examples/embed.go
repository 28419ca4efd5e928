// Package examples holds complete example sites; the small ones are
// embedded as the scaffolds of `handover new site`.
package examples

import "embed"

// Small holds the small example sites: the English one under "en-small/"
// and the Dutch one under "nl-small/".
//
//go:embed all:en-small all:nl-small
var Small embed.FS

// Package themes embeds the built-in theme: its templates, assets and UI
// labels. A site overrides any of these files from SITE/themes/NAME.
package themes

import "embed"

// Default is the built-in theme; its files live under "default/".
//
//go:embed all:default
var Default embed.FS

package generator

import (
	"context"

	"github.com/handover-dev/handover/content"
)

// gitInfo is what the build knows from git: each page's history and the
// versions (tags) of the site.
type gitInfo struct{}

// versionContext tells the build of an older version where it sits in the
// output of the current build.
type versionContext struct{}

// loadHistory reads the git history of the site, once per build.
func (b *builder) loadHistory(ctx context.Context) content.Diagnostics { return nil }

// writeVersions builds the older versions and the changes page.
func (b *builder) writeVersions(sink Sink) error { return nil }

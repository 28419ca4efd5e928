// Package content is the load stage and the content model: Load reads a
// site from any fs.FS (the working tree, a git tree, a txtar archive)
// into a Site of pages, people and roles with every reference resolved
// and the relations no page states itself derived, and reports what is
// wrong with it as Diagnostics with file, line and column.
//
// The registries of page types (kind.go, KindSpecs) and front matter keys
// (fields.go) are here: loading, resolving, the decoded-page cache and the
// scaffolds of `handover new` all read them. A Site is not changed after
// Load; the later stages read it. Site.Fork copies it, references and all,
// for the dev server to patch an edit into the copy (fork.go).
//
// content imports only the standard library and yaml.v3; every other
// package of the module may import it.
package content

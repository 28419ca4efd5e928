// Package check is the check stage of the pipeline: it runs the readiness
// rules over a loaded and rendered site and evaluates the handover
// checklist from the diagnostics (load → render → check → built → views
// and outputs → publish).
//
// The rules are values (Rule), one file per rule or small family, each
// registering itself: its id, default level, summary, the checklist item
// it keeps from done, what it reads and its check. A check only reads the
// Site it is given and reports through an Add; it never writes into the
// content model or into what rendering made.
//
// check may import content, built (what rendering made), calendar, view
// (for dates and numbers in the site's words) and the standard library;
// never generator, render, theme or publish. What it needs of the render
// stage and the theme (a page's rendered body, whether a link resolves, a
// label) it is given in Site.
package check

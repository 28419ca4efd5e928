// Package render is the stage of the pipeline that turns Markdown into HTML
// without the site: the goldmark converter with its extensions, chroma's
// highlighting and the escapers of the views; generator resolves links.
// It may import content, theme, goldmark and chroma; never generator, check or view.
package render

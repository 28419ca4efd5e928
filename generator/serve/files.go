package serve

// Files is a published site: the outputs the server can serve, by slash
// path relative to the site root ("processes/x/index.html"). A Files may
// make its outputs when they are first asked for; it must be safe for
// concurrent use and never change once published.
type Files interface {
	// Get returns the output at name.
	Get(name string) ([]byte, bool)
	// Has reports whether there is an output at name, without making it.
	Has(name string) bool
}

// MapFiles is a site held fully in memory.
type MapFiles map[string][]byte

// Get implements Files.
func (m MapFiles) Get(name string) ([]byte, bool) {
	b, ok := m[name]
	return b, ok
}

// Has implements Files.
func (m MapFiles) Has(name string) bool {
	_, ok := m[name]
	return ok
}

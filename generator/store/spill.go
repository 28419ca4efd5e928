package store

import (
	"fmt"
	"os"
	"sync"
)

// Spill is a temporary file that rendered bodies are written to and read
// back from. The file is unlinked as soon as it is made (where the system
// allows), so a killed build leaves nothing behind. Put and Get may be
// called concurrently.
type Spill struct {
	mu   sync.Mutex
	f    *os.File
	name string
	off  int64
	err  error
}

// Ref locates one entry in the spill file.
type Ref struct{ off, n int64 }

// NewSpill makes the spill file in dir ("" for the system's temporary
// folder): beside the output, which is on a disk, where the temporary
// folder may be memory.
func NewSpill(dir, prefix string) (*Spill, error) {
	f, err := os.CreateTemp(dir, prefix)
	if err != nil {
		return nil, err
	}
	s := &Spill{f: f, name: f.Name()}
	if os.Remove(s.name) == nil {
		s.name = ""
	}
	return s, nil
}

// Put appends data and returns where it is. An error is kept and reported
// by Close; the entry then reads back as empty, and the build fails.
func (s *Spill) Put(data []byte) Ref {
	s.mu.Lock()
	ref := Ref{off: s.off, n: int64(len(data))}
	s.off += ref.n
	s.mu.Unlock()
	if _, err := s.f.WriteAt(data, ref.off); err != nil {
		s.fail(err)
		return Ref{}
	}
	return ref
}

func (s *Spill) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

// Get reads an entry back.
func (s *Spill) Get(ref Ref) []byte {
	buf := make([]byte, ref.n)
	if _, err := s.f.ReadAt(buf, ref.off); err != nil {
		s.fail(err)
		return nil
	}
	return buf
}

// Close removes the file and returns the first error of its use; a build
// whose spill failed has pages without bodies and must not be published.
func (s *Spill) Close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		if err := s.f.Close(); s.err == nil {
			s.err = err
		}
		s.f = nil
		if s.name != "" {
			_ = os.Remove(s.name)
		}
	}
	if s.err != nil {
		return fmt.Errorf("rendered pages kept on disk: %w", s.err)
	}
	return nil
}

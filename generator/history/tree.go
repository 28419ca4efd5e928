package history

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// blobRef is a file of a tree: its path below the folder and its object.
type blobRef struct {
	path, oid string
}

// TreeFS returns the files under sub (a slash path relative to the
// repository root, "" for all) as they are at rev, as an in-memory file
// system with paths relative to sub. It reads the tree with one git ls-tree
// and the file contents with one git cat-file process, and never touches the
// working tree or the index. Symlinks and submodules are left out; contents
// are the blobs as stored, without .gitattributes filters. A sub that does
// not exist at rev gives an empty file system.
func (r *Repo) TreeFS(ctx context.Context, rev, sub string) (fs.FS, error) {
	prefix := joinSub(sub)
	refs, err := r.lsTree(ctx, rev, prefix)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", rev, err)
	}
	blobs, err := r.catBlobs(ctx, refs)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", rev, err)
	}
	files := make(map[string][]byte, len(refs))
	for _, b := range refs {
		files[b.path] = blobs[b.oid]
	}
	return newMemFS(files), nil
}

// lsTree lists the regular files under prefix at rev.
func (r *Repo) lsTree(ctx context.Context, rev, prefix string) ([]blobRef, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", "--end-of-options", rev + "^{tree}"}
	if prefix != "" {
		args = append(args, prefix)
	}
	var refs []blobRef
	err := r.stream(ctx, func(br *bufio.Reader) error {
		for {
			tok, err := readToken(br)
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			ref, ok, err := parseTreeEntry(tok, prefix)
			if err != nil {
				return err
			}
			if ok {
				refs = append(refs, ref)
			}
		}
	}, args...)
	return refs, err
}

// parseTreeEntry reads "<mode> <type> <oid>\t<path>". It reports false for
// entries that are not regular files under prefix.
func parseTreeEntry(tok, prefix string) (blobRef, bool, error) {
	meta, p, ok := strings.Cut(tok, "\t")
	f := strings.Fields(meta)
	if !ok || len(f) != 3 {
		return blobRef{}, false, fmt.Errorf("unexpected ls-tree entry %q", tok)
	}
	mode, kind, oid := f[0], f[1], f[2]
	rel, in := strings.CutPrefix(p, prefix)
	if kind != "blob" || mode == "120000" || !in || !fs.ValidPath(rel) {
		return blobRef{}, false, nil
	}
	return blobRef{path: rel, oid: oid}, true, nil
}

// catBlobs reads the contents of the blobs with one git cat-file --batch,
// each distinct object once.
func (r *Repo) catBlobs(ctx context.Context, refs []blobRef) (map[string][]byte, error) {
	blobs := make(map[string][]byte, len(refs))
	var oids []string
	for _, b := range refs {
		if _, ok := blobs[b.oid]; !ok {
			blobs[b.oid] = nil
			oids = append(oids, b.oid)
		}
	}
	if len(oids) == 0 {
		return blobs, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := r.command(ctx, r.root, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(oids, "\n") + "\n")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	br := bufio.NewReaderSize(out, 64<<10)
	for _, oid := range oids {
		if blobs[oid], err = readBlob(br, oid); err != nil {
			cancel()
			_ = cmd.Wait()
			return nil, err
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return blobs, nil
}

// readBlob reads one "<oid> blob <size>\n<content>\n" answer of cat-file.
func readBlob(br *bufio.Reader, oid string) ([]byte, error) {
	header, err := br.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file %s: %w", oid, unexpectedEOF(err))
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[0] != oid || f[1] != "blob" {
		return nil, fmt.Errorf("git cat-file %s: unexpected answer %q", oid, strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("git cat-file %s: bad size %q", oid, f[2])
	}
	data := make([]byte, size+1) // content and its trailing newline
	if _, err := io.ReadFull(br, data); err != nil {
		return nil, fmt.Errorf("git cat-file %s: %w", oid, unexpectedEOF(err))
	}
	return data[:size:size], nil
}

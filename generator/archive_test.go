package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/handover-dev/handover/generator/publish"
)

// archiveBuild builds site into dest and writes the archive zipPath.
func archiveBuild(t *testing.T, site, dest, zipPath string, now time.Time) *Result {
	t.Helper()
	res, err := Build(context.Background(), Options{Site: site, Destination: dest, Now: now, Archive: zipPath})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, diagLines(res))
	}
	return res
}

// readZip returns the entries of the zip at path, in stored order.
func readZip(t *testing.T, path string) []*zip.File {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r.File
}

// TestArchiveIsTheSite checks that the zip holds exactly the published
// files, sorted, with their bytes, one fixed time and fixed permissions.
func TestArchiveIsTheSite(t *testing.T) {
	site := filepath.Join("..", "examples", "en-small")
	tmp := t.TempDir()
	dest, zipPath := filepath.Join(tmp, "public"), filepath.Join(tmp, "handover.zip")
	now := time.Date(2026, 9, 14, 10, 30, 0, 0, time.UTC)
	archiveBuild(t, site, dest, zipPath, now)
	want := readTree(t, dest)
	delete(want, publish.Marker)
	entries := readZip(t, zipPath)
	if len(entries) != len(want) {
		t.Fatalf("zip has %d entries, the site %d files", len(entries), len(want))
	}
	names := make([]string, len(entries))
	for i, f := range entries {
		names[i] = f.Name
		checkEntry(t, f, want[f.Name], now)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("entries not sorted: %v", names)
	}
	if _, ok := want["index.html"]; !ok {
		t.Error("the site has no index.html; the comparison proves nothing")
	}
}

// checkEntry compares one zip entry with the file it should hold.
func checkEntry(t *testing.T, f *zip.File, want []byte, now time.Time) {
	t.Helper()
	if want == nil {
		t.Errorf("%s: in the zip but not in the site", f.Name)
		return
	}
	if !f.Modified.Equal(now) {
		t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, now)
	}
	if f.Mode() != 0o644 {
		t.Errorf("%s: mode %v, want 0644", f.Name, f.Mode())
	}
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: zip content differs from the site's file", f.Name)
	}
}

// TestArchiveDeterministic builds twice, into different folders at
// different wall-clock moments, and compares the zips byte for byte.
func TestArchiveDeterministic(t *testing.T) {
	site := filepath.Join("..", "examples", "en-small")
	now := time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC)
	var zips [2][]byte
	for i := range zips {
		tmp := t.TempDir()
		zipPath := filepath.Join(tmp, "site.zip")
		archiveBuild(t, site, filepath.Join(tmp, "out"), zipPath, now)
		data, err := os.ReadFile(zipPath)
		if err != nil {
			t.Fatal(err)
		}
		zips[i] = data
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Fatalf("two builds gave different zips (%d and %d bytes)", len(zips[0]), len(zips[1]))
	}
}

// TestArchiveInsideDestination puts the zip into the published folder of
// the previous build: the new zip must not contain itself or an old zip.
func TestArchiveInsideDestination(t *testing.T) {
	site := filepath.Join("..", "examples", "en-small")
	dest := filepath.Join(t.TempDir(), "public")
	zipPath := filepath.Join(dest, "handover.zip")
	now := time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC)
	archiveBuild(t, site, dest, zipPath, now)
	archiveBuild(t, site, dest, zipPath, now)
	for _, f := range readZip(t, zipPath) {
		if f.Name == "handover.zip" || f.Name == publish.Marker {
			t.Errorf("zip contains %s", f.Name)
		}
	}
}

// TestArchiveNotWrittenOnError checks that a build with content errors
// writes no archive, like it publishes no site.
func TestArchiveNotWrittenOnError(t *testing.T) {
	site := copySite(t, "en-small")
	page := filepath.Join(site, "content", "processes", "parcel-returns.md")
	if err := os.WriteFile(page, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "site.zip")
	_, err := Build(context.Background(), Options{Site: site, Destination: filepath.Join(t.TempDir(), "out"), Archive: zipPath})
	if !errors.Is(err, ErrContent) {
		t.Fatalf("build error %v, want ErrContent", err)
	}
	if _, err := os.Stat(zipPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("archive written after a failed build: %v", err)
	}
}

// TestArchiveStamp checks the stamping rules.
func TestArchiveStamp(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1790000123")
	if got := archiveStamp(time.Time{}); got.Unix() != 1790000123 {
		t.Errorf("archiveStamp with SOURCE_DATE_EPOCH = %v, want its exact second", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if got := archiveStamp(time.Time{}); got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 {
		t.Errorf("archiveStamp from the clock = %v, want midnight", got)
	}
}

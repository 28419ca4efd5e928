package a11y

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// npmPackages are the npm packages the tests use, as npm install names them.
func npmPackages() []string { return []string{"axe-core@4", "vnu-jar"} }

// toolDir is the npm prefix the tests look in: $HANDOVER_TEST_TOOLS, or
// handover-test under the user cache folder (where .ci/run installs).
func toolDir() string {
	if d := os.Getenv("HANDOVER_TEST_TOOLS"); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "handover-test")
	}
	return filepath.Join(os.TempDir(), "handover-test")
}

// npmFile returns the path of rel under the tools' node_modules, running
// npm install first when it is missing and npm is on PATH.
func npmFile(t *testing.T, rel string) string {
	t.Helper()
	dir := toolDir()
	p := filepath.Join(dir, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		need(t, "%s is missing and npm is not installed (apt-get install npm)", p)
	}
	args := append([]string{"install", "--prefix", dir, "--no-audit", "--no-fund", "--ignore-scripts"}, npmPackages()...)
	if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
		need(t, "npm install failed: %v\n%s", err, out)
	}
	if _, err := os.Stat(p); err != nil {
		need(t, "%s still missing after npm install: %v", p, err)
	}
	return p
}

// axeSource returns the source of axe.min.js.
func axeSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(npmFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// vnuCommand returns java and the arguments that start the Nu HTML Checker.
func vnuCommand(t *testing.T) (string, []string) {
	t.Helper()
	jar := npmFile(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		need(t, "java is not installed (apt-get install default-jre-headless)")
	}
	return java, []string{"-jar", jar}
}

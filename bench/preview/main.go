// Command preview measures live preview as the writer sees it: the time
// from an editor's save to the new text in the page open in Chromium, for
// `handover serve` and, when installed, `hugo server` on the same corpus
// in the same run.
//
//	go run ./bench/preview -handover bin/handover -corpus /tmp/bench/corpus-1000 -n 1000
//
// For each tool and each edit (body, title, front) it starts the server on
// a copy of the corpus, opens the first work instruction in headless
// Chromium and scrolls it down a little. Each repetition then saves the page
// as an editor does: it writes a temporary file beside it (.NAME.RANDOM.tmp)
// and renames it over the page. t0 is taken just before the write; the page
// itself notes when the new text is in its document (a MutationObserver,
// installed in every document the tab loads, so also after a reload), in
// the same clock (performance.timeOrigin + performance.now()). Between
// saves it waits a seeded random 0.3–0.8 s; the first two saves of each
// edit warm both tools up and are not counted (-warmup). The edits:
//
//	body   a paragraph with a marker after the body's first paragraph (above the fold)
//	title  the marker appended to the front matter's title (shown in the page's heading)
//	front  reviewed: a new date (shown on the page by both tools; the marker is the date
//	       as the page writes it)
//
// For each it reports the median, p90 (nearest rank), minimum and maximum
// in milliseconds, how many saves reloaded the page instead of updating it
// in place, and in how many the scroll position stayed where it was. One
// JSON object per line goes to -out, a Markdown table to stdout.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watcher is installed in every document the tab loads. It notes when the
// marker the benchmark put in sessionStorage is in the document's text.
const watcher = `(function () {
  function check() {
    var m = sessionStorage.getItem('bench-marker');
    if (!m || window.__benchSeen || !document.body) return;
    if (document.body.textContent.indexOf(m) >= 0 || document.title.indexOf(m) >= 0) {
      window.__benchSeen = performance.timeOrigin + performance.now();
      if (window.__benchResolve) window.__benchResolve(window.__benchSeen);
    }
  }
  window.__benchWait = function () {
    return new Promise(function (resolve) {
      if (window.__benchSeen) return resolve(window.__benchSeen);
      window.__benchResolve = resolve;
      check();
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('DOMContentLoaded', check);
})();`

type result struct {
	Tool      string    `json:"tool"`
	Version   string    `json:"version"`
	Pages     int       `json:"pages"`
	Edit      string    `json:"edit"`
	Reps      int       `json:"reps"`
	ColdS     float64   `json:"cold_start_s"`
	MedianMS  float64   `json:"median_ms"`
	P90MS     float64   `json:"p90_ms"`
	MinMS     float64   `json:"min_ms"`
	MaxMS     float64   `json:"max_ms"`
	Reloads   int       `json:"reloads"`
	ScrollOK  int       `json:"scroll_kept"`
	Latencies []float64 `json:"latencies_ms"`
	Page      string    `json:"page"`
	// Stages of handover's in-place update, medians in ms: save → change
	// announced with the new page (watcher, rebuild, rendering the page),
	// → document morphed (parsing and morphing), → text seen by the
	// benchmark's observer; "fetched" when the page had to fetch it.
	Stages map[string]float64 `json:"stages_ms,omitempty"`
}

func main() {
	handover := flag.String("handover", "bin/handover", "the handover binary")
	hugo := flag.String("hugo", "", "the hugo binary; empty: hugo from PATH if there is one, \"none\": skip")
	hugoSite := flag.String("hugo-site", "../shared/bench/hugo-site/prepare.sh", "the script that lays a corpus under the benchmark's Hugo site")
	corpus := flag.String("corpus", "", "a corpus made by ../shared/bench/gencorpus.py")
	pages := flag.Int("n", 0, "its number of pages, for the report")
	work := flag.String("work", "/tmp/bench/preview", "where the copies of the corpus go")
	edits := flag.String("edits", "body,title,front", "the edits to measure")
	reps := flag.Int("reps", 20, "saves per edit")
	seed := flag.Uint64("seed", 1, "seed of the pauses between saves")
	out := flag.String("out", "", "append one JSON line per tool and edit to this file")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the browser")
	flag.IntVar(&warmup, "warmup", 2, "saves of each edit before the measured ones, for both tools")
	flag.StringVar(&tmpStyle, "tmp", "hidden", "the temporary file's name: hidden (.NAME.RANDOM.tmp), suffix (NAME.RANDOM.tmp) or none (write the page in place)")
	flag.Parse()
	if *corpus == "" {
		log.Fatal("preview: -corpus is required")
	}
	if *hugo == "" {
		if p, err := exec.LookPath("hugo"); err == nil {
			*hugo = p
		} else {
			fmt.Fprintln(os.Stderr, "preview: hugo is not installed; measuring handover only (-hugo PATH to compare)")
		}
	}
	if *hugo == "none" {
		*hugo = ""
	}
	if err := os.MkdirAll(*work, 0o755); err != nil {
		log.Fatal(err)
	}
	browserCtx, stop := startBrowser(*chromium, filepath.Join(*work, "profile"))
	defer stop()

	var results []result
	tools := []string{"handover"}
	if *hugo != "" {
		tools = append(tools, "hugo")
	}
	for _, tool := range tools {
		site := filepath.Join(*work, fmt.Sprintf("%s-%d", tool, *pages))
		if err := os.RemoveAll(site); err != nil {
			log.Fatal(err)
		}
		if tool == "hugo" {
			run(*hugoSite, *corpus, site)
		} else {
			run("cp", "-r", *corpus, site)
		}
		file := firstInstruction(filepath.Join(site, "content"))
		rel, _ := filepath.Rel(filepath.Join(site, "content"), file)
		for _, edit := range strings.Split(*edits, ",") {
			srv := startServer(tool, *handover, *hugo, site)
			r := measure(browserCtx, srv, tool, edit, file, filepath.ToSlash(rel), *reps, *seed)
			srv.stop()
			r.Pages, r.Version = *pages, srv.version
			results = append(results, r)
			fmt.Fprintf(os.Stderr, "%s n=%d %s: median %.1f ms, p90 %.1f ms, %d of %d reloaded, scroll kept %d of %d; stages %v\n",
				tool, *pages, edit, r.MedianMS, r.P90MS, r.Reloads, r.Reps, r.ScrollOK, r.Reps, r.Stages)
		}
		if err := os.RemoveAll(site); err != nil {
			log.Print(err)
		}
	}
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range results {
			b, _ := json.Marshal(r)
			fmt.Fprintf(f, "%s\n", b)
		}
		f.Close()
	}
	fmt.Println("| pages | tool | edit | cold start | save → visible, median | p90 | min–max | reloads | scroll kept |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, r := range results {
		fmt.Printf("| %d | %s | %s | %.1f s | **%.1f ms** | %.1f ms | %.1f–%.1f ms | %d/%d | %d/%d |\n",
			r.Pages, r.Tool, r.Edit, r.ColdS, r.MedianMS, r.P90MS, r.MinMS, r.MaxMS, r.Reloads, r.Reps, r.ScrollOK, r.Reps)
	}
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
}

// firstInstruction returns the first work instruction of the corpus in
// path order, the page bench/devserver.py edits too.
func firstInstruction(content string) string {
	var files []string
	_ = filepath.WalkDir(filepath.Join(content, "instructions"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		log.Fatalf("no work instruction under %s", content)
	}
	slices.Sort(files)
	return files[0]
}

func startBrowser(path, profile string) (context.Context, func()) {
	_ = os.RemoveAll(profile)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		log.Fatalf("chromium: %v", err)
	}
	return ctx, func() { cancel(); cancelAlloc() }
}

// server is a running dev server of one tool.
type server struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	cold    time.Duration
	version string
}

func (s *server) stop() {
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM) // our own child's process group
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

var servingRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

func startServer(tool, handover, hugo, site string) *server {
	start := time.Now()
	var cmd *exec.Cmd
	port := 0
	if tool == "hugo" {
		port = freePort()
		cmd = exec.Command(hugo, "server", "--source", site, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
			"--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", port))
	} else {
		cmd = exec.Command(handover, "serve", "--quiet", "--port", "0", site)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		log.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if tool == "hugo" {
		cmd.Stdout = nil
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			log.Fatal(err)
		}
		go drain(stdout, nil)
	}
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	s := &server{cmd: cmd}
	addr := make(chan string, 1)
	go drain(stderr, func(line string) {
		if m := servingRE.FindString(line); m != "" && tool == "handover" {
			select {
			case addr <- m:
			default:
			}
		}
	})
	if tool == "hugo" {
		s.base = fmt.Sprintf("http://127.0.0.1:%d", port)
		out, _ := exec.Command(hugo, "version").Output()
		s.version = strings.TrimSpace(string(out))
	} else {
		select {
		case s.base = <-addr:
		case <-time.After(10 * time.Minute):
			log.Fatal("handover serve printed no address")
		}
		out, _ := exec.Command(handover, "--version").Output()
		s.version = strings.TrimSpace(string(out))
	}
	// Ready when the home page is served.
	for {
		if resp, err := httpGet(s.base + "/"); err == nil && resp == 200 {
			break
		}
		if time.Since(start) > 10*time.Minute {
			log.Fatalf("%s did not start", tool)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.cold = time.Since(start)
	return s
}

func drain(r io.Reader, each func(string)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if each != nil {
			each(sc.Text())
		}
	}
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func httpGet(url string) (int, error) {
	client := http.Client{Timeout: 30 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// urlOf is the URL path both tools give a page of the corpus.
func urlOf(rel string) string {
	return "/" + strings.ToLower(strings.TrimSuffix(rel, ".md")) + "/"
}

var dutchMonths = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// change returns the page's text after the edit with marker i, and the
// text the page shows for it.
func change(tool, edit string, original []byte, seed uint64, i int) (text []byte, marker string) {
	src := string(original)
	end := strings.Index(src[3:], "\n---\n") + 3 // the end of the front matter
	front, body := src[:end+5], src[end+5:]
	switch edit {
	case "body":
		marker = fmt.Sprintf("bodymarker%dx%d", seed, i)
		para := strings.Index(body, "\n\n")
		for para == 0 {
			body = body[2:]
			front += "\n\n"
			para = strings.Index(body, "\n\n")
		}
		if para < 0 {
			para = len(body)
		}
		return []byte(front + body[:para] + "\n\nSaved by the benchmark: " + marker + "." + body[para:]), marker
	case "title":
		marker = fmt.Sprintf("titlemarker%dx%d", seed, i)
		re := regexp.MustCompile(`(?m)^title: *"?(.*?)"?$`)
		front = re.ReplaceAllStringFunc(front, func(line string) string {
			m := re.FindStringSubmatch(line)
			return fmt.Sprintf("title: %q", m[1]+" "+marker)
		})
		return []byte(front + body), marker
	case "front":
		d := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(seed)*1000+i)
		iso := d.Format("2006-01-02")
		marker = iso
		if tool == "handover" {
			marker = fmt.Sprintf("%d %s %d", d.Day(), dutchMonths[d.Month()-1], d.Year()) // the site's language is Dutch
		}
		re := regexp.MustCompile(`(?m)^reviewed:.*\n`)
		front = re.ReplaceAllString(front, "")
		front = strings.Replace(front, "\ntitle:", "\nreviewed: "+iso+"\ntitle:", 1)
		return []byte(front + body), marker
	}
	log.Fatalf("unknown edit %q", edit)
	return nil, ""
}

// tmpStyle is how save names its temporary file (-tmp).
var tmpStyle = "hidden"

// warmup is how many saves of each edit go unmeasured first (-warmup).
var warmup = 2

// save writes text over file as an editor does: into a temporary file
// beside it, renamed over it. It does not fsync: that would measure the
// disk, which both tools wait for alike.
func save(file string, text []byte, rnd *rand.Rand) {
	name := fmt.Sprintf(".%s.%06x.tmp", filepath.Base(file), rnd.IntN(1<<24))
	switch tmpStyle {
	case "suffix":
		name = name[1:]
	case "none":
		if err := os.WriteFile(file, text, 0o644); err != nil {
			log.Fatal(err)
		}
		return
	}
	tmp := filepath.Join(filepath.Dir(file), name)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := f.Write(text); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		log.Fatal(err)
	}
}

func measure(browserCtx context.Context, srv *server, tool, edit, file, rel string, reps int, seed uint64) result {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	original, err := os.ReadFile(file)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := os.WriteFile(file, original, 0o644); err != nil {
			log.Print(err)
		}
	}()
	addWatcher := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watcher})
		return err
	})
	url := srv.base + urlOf(rel)
	if err := chromedp.Do(ctx, addWatcher, chromedp.Navigate(url)); err != nil {
		log.Fatalf("%s: %v", url, err)
	}
	r := result{Tool: tool + " serve", Edit: edit, Reps: reps, ColdS: math.Round(srv.cold.Seconds()*100) / 100, Page: rel}
	if tool == "hugo" {
		r.Tool = "hugo server"
	}
	rnd := rand.New(rand.NewPCG(seed, 22))
	stages := map[string][]float64{}
	for i := -warmup; i < reps; i++ {
		time.Sleep(time.Duration(300+rnd.IntN(500)) * time.Millisecond)
		text, marker := change(tool, edit, original, seed, i)
		y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(
			`sessionStorage.setItem('bench-marker', %q); window.__benchSeen = 0; window.__benchAlive = true; `+
				`window.scrollTo(0, Math.min(200, document.documentElement.scrollHeight - innerHeight)); window.scrollY`, marker)))
		if err != nil {
			log.Fatalf("%s %s save %d: %v", tool, edit, i, err)
		}
		t0 := float64(time.Now().UnixNano()) / 1e6
		save(file, text, rnd)
		seen := wait(ctx, tool, edit, i)
		if i < 0 {
			continue // warming up: the first saves after a start are not the writer's usual ones
		}
		r.Latencies = append(r.Latencies, math.Round((seen-t0)*10)/10)
		state, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(function () { var t = (window.__handover || {}).timing || {}; `+
			`return [window.__benchAlive === true ? 1 : 0, window.scrollY, t.event || 0, t.fetch || 0, t.fetched || 0, t.morphed || 0]; })()`))
		if err != nil {
			log.Fatalf("%s %s save %d: %v", tool, edit, i, err)
		}
		if state[2] > 0 && state[5] > 0 {
			st := map[string]float64{"announced": state[2] - t0, "morphed": state[5] - state[2], "seen": seen - state[5]}
			if state[3] > 0 { // fetched the page instead of getting it with the event
				st["fetched"], st["morphed"] = state[4]-state[2], state[5]-state[4]
			}
			for k, v := range st {
				stages[k] = append(stages[k], v)
			}
		}
		if state[0] == 0 {
			r.Reloads++
		}
		if math.Abs(state[1]-y) < 1 {
			r.ScrollOK++
		}
	}
	sorted := slices.Clone(r.Latencies)
	slices.Sort(sorted)
	r.MedianMS = median(sorted)
	r.P90MS = sorted[int(math.Ceil(0.9*float64(len(sorted))))-1]
	r.MinMS, r.MaxMS = sorted[0], sorted[len(sorted)-1]
	if len(stages) > 0 {
		r.Stages = map[string]float64{}
		for k, v := range stages {
			slices.Sort(v)
			r.Stages[k] = median(v)
		}
	}
	// Restore the page and let the server settle before the next server starts.
	save(file, original, rnd)
	time.Sleep(500 * time.Millisecond)
	return r
}

// wait returns the time the page saw the marker. A reload makes an
// evaluation fail; the next one runs in the new document.
func wait(ctx context.Context, tool, edit string, i int) float64 {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		v, err := chromedp.Run(c, chromedp.Evaluate[float64](`window.__benchWait ? window.__benchWait() : 0`, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && v > 0 {
			return v
		}
		time.Sleep(time.Millisecond)
	}
	log.Fatalf("%s %s save %d: the new text did not appear within a minute", tool, edit, i)
	return 0
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return math.Round((sorted[n/2-1]+sorted[n/2])/2*10) / 10
}

// Command abusetest attacks a fresh `galley serve` on loopback the way
// careless and hostile clients do, all at once, while a well-behaved
// client prints corpus articles, and reports how that client fared and
// what the service cost. scripts/abuse-test builds and runs it.
//
//	abusetest -galley BIN [-duration 20s] [-settle 30s] [-corpus DIR] [-- SERVE FLAGS]
//
// The attacks, each from its own loopback address (127.0.0.2 …) so that
// the per-client limits see them as other clients:
//
//   - 50 slow uploads: POST with Content-Length 100000, then a byte every 2 s;
//   - 4 clients that post a 5 MB article of 25 data-URI JPEGs (a PDF of
//     several megabytes) with a 4 KB receive buffer and never read;
//   - a 10 MB single-paragraph text/plain post, again and again;
//   - a 3,000-level nested Markdown list, again and again;
//   - a flood of small renders from 8 connections that ignores Retry-After;
//   - and, once a second, a client that posts the photo article and hangs
//     up 300 ms later, without its answer (the service should log 499 and
//     count a cancelled render).
//
// The well-behaved client posts the corpus pages (text/html,
// offline=true) two at a time from 127.0.0.1. Everything stays on
// loopback and ends after -duration; the service is then left idle for
// -settle and its resident memory read again.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	galley := flag.String("galley", "", "the galley binary to serve with (required)")
	duration := flag.Duration("duration", 20*time.Second, "how long the attacks run")
	settle := flag.Duration("settle", 30*time.Second, "idle time after the attacks before memory is read again")
	corpus := flag.String("corpus", "../shared/corpus/web", "folder of <page>/source.html articles for the well-behaved client")
	skip := flag.String("skip", "", "comma-separated attacks to leave out: slow-upload, non-reader, paragraph, list, flood, leaver")
	dump := flag.String("write-inputs", "", "write the attacks' inputs to this folder and exit (to try them with the CLI)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: abusetest -galley BIN [-duration 20s] [-settle 30s] [-corpus DIR] [-- galley serve flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dump != "" {
		if err := writeInputs(*dump); err != nil {
			fmt.Fprintln(os.Stderr, "abusetest:", err)
			os.Exit(2)
		}
		return
	}
	if *galley == "" {
		flag.Usage()
		os.Exit(2)
	}
	pages, err := filepath.Glob(filepath.Join(*corpus, "*", "source.html"))
	if err != nil || len(pages) == 0 {
		fmt.Fprintf(os.Stderr, "abusetest: no corpus pages under %s\n", *corpus)
		os.Exit(2)
	}
	ok, err := run(*galley, flag.Args(), pages, *duration, *settle, strings.Split(*skip, ","))
	if err != nil {
		fmt.Fprintln(os.Stderr, "abusetest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// serveTimeout reads --timeout from the serve flags (0 when absent).
func serveTimeout(args []string) time.Duration {
	for i, a := range args {
		v, found := strings.CutPrefix(a, "--timeout=")
		if !found && a == "--timeout" && i+1 < len(args) {
			v, found = args[i+1], true
		}
		if found {
			d, _ := time.ParseDuration(v)
			return d
		}
	}
	return 0
}

// service is a running galley serve.
type service struct {
	cmd  *exec.Cmd
	addr string
	mu   sync.Mutex
	logs []logLine
	done chan struct{} // closed when its standard error ends
}

// logLine is what the report uses of the service's request log.
type logLine struct {
	Msg    string  `json:"msg"`
	Path   string  `json:"path"`
	Status int     `json:"status"`
	MS     float64 `json:"ms"`
	Remote string  `json:"remote"`
	Error  string  `json:"error"`
}

func start(bin string, args []string) (*service, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &service{addr: addr, done: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var l logLine
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "request" {
				s.mu.Lock()
				s.logs = append(s.logs, l)
				s.mu.Unlock()
			}
		}
	}()
	for range 200 {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			return s, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("galley serve did not come up")
}

func (s *service) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	s.cmd.Wait()
	<-s.done
}

// memory reads a field of /proc/PID/status in megabytes (VmRSS, VmHWM).
func (s *service) memory(field string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return -1
}

// metric reads one series of /metrics ("" when absent).
func (s *service) metric(name string) string {
	resp, err := http.Get("http://" + s.addr + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, name) {
			out = append(out, strings.TrimPrefix(line, name))
		}
	}
	return strings.Join(out, " ")
}

// tally records the answers of one kind of client.
type tally struct {
	name   string
	mu     sync.Mutex
	status map[string]int
	times  []time.Duration // first byte sent → answer
}

func newTally(name string) *tally { return &tally{name: name, status: map[string]int{}} }

func (t *tally) add(status string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.status[status]++
	if d >= 0 {
		t.times = append(t.times, d)
	}
}

func (t *tally) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, k := range t.status {
		n += k
	}
	return n
}

// percentile of the recorded times (0 when none).
func (t *tally) percentile(p float64) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.times) == 0 {
		return 0
	}
	s := slices.Clone(t.times)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func (t *tally) answers() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var keys []string
	for k := range t.status {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, t.status[k]))
	}
	return strings.Join(parts, " ")
}

func run(bin string, args, pages []string, duration, settle time.Duration, skip []string) (bool, error) {
	svc, err := start(bin, args)
	if err != nil {
		return false, err
	}
	defer svc.stop()
	timeout := serveTimeout(args)
	fmt.Printf("abuse-test: galley serve %s on %s, %d CPUs; attacks for %s, then %s idle\n",
		strings.Join(args, " "), svc.addr, numCPU(), duration, settle)
	if s := strings.Join(slices.DeleteFunc(slices.Clone(skip), func(s string) bool { return s == "" }), ", "); s != "" {
		fmt.Printf("left out: %s\n", s)
	}

	inputs := struct{ photos, para, list, small []byte }{photoArticle(25, 1200, 900), paragraph(10_000_000), nestedList(3000), smallArticle()}
	fmt.Printf("inputs: photo article %.1f MB, paragraph %.1f MB, nested list %.1f MB (3000 levels)\n",
		mb(len(inputs.photos)), mb(len(inputs.para)), mb(len(inputs.list)))

	a := &attack{addr: svc.addr}
	good := newTally("well-behaved")
	kinds := []*tally{newTally("slow upload"), newTally("non-reader"), newTally("10 MB paragraph"), newTally("3000-level list"), newTally("flood"),
		newTally("leaver")}
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var peak float64
	var wg sync.WaitGroup
	wg.Go(func() { // resident memory, sampled
		for ctx.Err() == nil {
			peak = max(peak, svc.memory("VmRSS"))
			time.Sleep(100 * time.Millisecond)
		}
	})
	if !slices.Contains(skip, "slow-upload") {
		for i := range 50 {
			wg.Go(func() { a.slowUpload(ctx, src(2), kinds[0], i) })
		}
	}
	if !slices.Contains(skip, "non-reader") {
		for range 4 {
			wg.Go(func() { a.nonReader(ctx, src(4), kinds[1], inputs.photos) })
		}
	}
	if !slices.Contains(skip, "paragraph") {
		wg.Go(func() { a.repeat(ctx, src(5), kinds[2], "/v1/render", "text/plain", inputs.para) })
	}
	if !slices.Contains(skip, "list") {
		wg.Go(func() { a.repeat(ctx, src(6), kinds[3], "/v1/render", "text/markdown", inputs.list) })
	}
	if !slices.Contains(skip, "leaver") {
		wg.Go(func() { a.leaver(ctx, src(7), kinds[5], "text/html", inputs.photos, 300*time.Millisecond) })
	}
	flood := a.client(src(3), 8)
	if !slices.Contains(skip, "flood") {
		for range 8 {
			wg.Go(func() { a.flood(ctx, flood, kinds[4], inputs.small) })
		}
	}
	goodClient := a.client(src(1), 2)
	for i := range 2 {
		wg.Go(func() { a.wellBehaved(ctx, goodClient, good, pages, i) })
	}
	wg.Wait()
	hwm := svc.memory("VmHWM")
	flood.CloseIdleConnections()
	goodClient.CloseIdleConnections()
	time.Sleep(settle)
	after := svc.memory("VmRSS")

	// the service's own account: time from each request's first byte to
	// its answer (or to giving it up), by the client's address
	svc.mu.Lock()
	logs := slices.Clone(svc.logs)
	svc.mu.Unlock()
	byKind := map[string][]logLine{}
	for _, l := range logs {
		host, _, _ := net.SplitHostPort(l.Remote)
		name := map[string]string{"127.0.0.1": good.name, "127.0.0.2": kinds[0].name, "127.0.0.3": kinds[4].name,
			"127.0.0.4": kinds[1].name, "127.0.0.5": kinds[2].name, "127.0.0.6": kinds[3].name, "127.0.0.7": kinds[5].name}[host]
		byKind[name] = append(byKind[name], l)
	}

	ok := true
	total := good.count()
	success := good.status["200"]
	rate := 100 * float64(success) / float64(max(total, 1))
	fmt.Printf("\nwell-behaved client (2 at once, %d corpus pages): %d requests, %.1f %% 200 (%s), p50 %s, p99 %s, max %s\n",
		len(pages), total, rate, good.answers(), ms(good.percentile(50)), ms(good.percentile(99)), ms(good.percentile(100)))
	fmt.Printf("\n%-16s %8s  %-44s %10s %10s\n", "client", "requests", "answers seen by the client", "client max", "server max")
	for _, k := range append([]*tally{good}, kinds...) {
		var smax float64
		for _, l := range byKind[k.name] {
			smax = max(smax, l.MS)
		}
		fmt.Printf("%-16s %8d  %-44s %10s %10s\n", k.name, k.count(), k.answers(), ms(k.percentile(100)), ms(time.Duration(smax*float64(time.Millisecond))))
	}
	fmt.Printf("\nservice log by client: %s\n", logSummary(byKind))
	fmt.Printf("metrics: renders cancelled%s; rejections%s\n", svc.metric("galley_renders_cancelled_total"), svc.metric("galley_rejections_total"))
	fmt.Printf("service memory: peak RSS %.0f MB (VmHWM; %.0f MB sampled), %.0f MB %s after the attacks\n", hwm, peak, after, settle)

	check := func(name string, pass bool) {
		mark := "yes"
		if !pass {
			mark, ok = "NO", false
		}
		fmt.Printf("  %-58s %s\n", name, mark)
	}
	fmt.Println("\nacceptance:")
	check("well-behaved client: >= 99 % successful renders", rate >= 99)
	check("well-behaved client: p99 <= 1 s", good.percentile(99) <= time.Second)
	check("service peak RSS <= 512 MB", hwm <= 512)
	check(fmt.Sprintf("service RSS <= 150 MB %s after", settle), after <= 150)
	if timeout > 0 {
		bound := timeout + 500*time.Millisecond
		var late []string
		for _, k := range append([]*tally{good}, kinds...) {
			if d := k.percentile(100); d > bound {
				late = append(late, fmt.Sprintf("%s (client) %s", k.name, ms(d)))
			}
		}
		for name, ls := range byKind {
			for _, l := range ls {
				if time.Duration(l.MS*float64(time.Millisecond)) > bound {
					late = append(late, fmt.Sprintf("%s (service) %d after %.0f ms", name, l.Status, l.MS))
					break
				}
			}
		}
		check(fmt.Sprintf("every request answered within %s of its first byte", bound), len(late) == 0)
		for _, l := range late {
			fmt.Println("    late:", l)
		}
	}
	return ok, nil
}

// logSummary counts the service's log lines by client and status.
func logSummary(byKind map[string][]logLine) string {
	var names []string
	for n := range byKind {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		counts := map[int]int{}
		for _, l := range byKind[n] {
			counts[l.Status]++
		}
		var codes []int
		for c := range counts {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		var cs []string
		for _, c := range codes {
			cs = append(cs, fmt.Sprintf("%d=%d", c, counts[c]))
		}
		if n == "" {
			n = "other"
		}
		parts = append(parts, n+": "+strings.Join(cs, " "))
	}
	return strings.Join(parts, "; ")
}

func mb(n int) float64 { return float64(n) / 1e6 }

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

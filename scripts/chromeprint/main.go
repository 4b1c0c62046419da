// Command chromeprint is the warm-Chromium peer of galley's service, for
// scripts/bench-chromium-service: it keeps one headless Chromium running
// and prints already-extracted HTML pages (Readability's expected.html of
// the corpus) to A4 PDFs through the DevTools protocol, from C tabs at
// once, for a fixed time, and prints pages per second and latency
// percentiles on one line:
//
//	STATS pages=N secs=S p50=MS p99=MS errors=E
//
// Chromium is kept off the network: every host name but 127.0.0.1
// resolves to nothing, so a page's remote images fail at once, as
// galley's offline mode leaves them out. It is a separate module, so
// that galley's own build never links a browser driver.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium binary")
	clients := flag.Int("c", 8, "tabs printing at once")
	dur := flag.Duration("d", 30*time.Second, "how long to print")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: chromeprint [-c N] [-d DURATION] PAGE.html...")
		os.Exit(2)
	}
	if err := run(*chromium, *clients, *dur, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "chromeprint:", err)
		os.Exit(1)
	}
}

func run(chromium string, clients int, dur time.Duration, pages []string) error {
	for i, p := range pages {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		pages[i] = "file://" + abs
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.NoSandbox,
	)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // start the browser
		return err
	}

	print := func(ctx context.Context, url string) error {
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			return err
		}
		_, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
		return err
	}
	tabs := make([]context.Context, clients)
	for i := range tabs {
		tab, cancelTab := chromedp.NewContext(browser)
		defer cancelTab()
		if err := print(tab, pages[i%len(pages)]); err != nil { // warm: one print per tab first
			return fmt.Errorf("warming tab %d: %w", i, err)
		}
		tabs[i] = tab
	}

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		firstErr  error
		wg        sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(dur)
	for i, tab := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := i; time.Now().Before(end); k += len(tabs) {
				t0 := time.Now()
				err := print(tab, pages[k%len(pages)])
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
				} else {
					latencies = append(latencies, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	if len(latencies) == 0 {
		return fmt.Errorf("no page printed: %v", firstErr)
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	fmt.Printf("STATS pages=%d secs=%.2f p50=%.1f p99=%.1f errors=%d\n", len(latencies), secs, pct(0.5), pct(0.99), errs)
	if firstErr != nil {
		fmt.Fprintln(os.Stderr, "chromeprint: first error:", strings.TrimSpace(firstErr.Error()))
	}
	return nil
}

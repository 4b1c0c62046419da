package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPreviewCommand(t *testing.T) {
	seed := seedPath(t)
	dir := filepath.Join(inTemp(t), "pages")
	code, _, stderr := galleyRun(t, nil, "preview", seed, "-o", dir, "--dpi", "30", "--page", "A5")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(names) < 2 || filepath.Base(names[0]) != "page-001.png" || filepath.Base(names[1]) != "page-002.png" {
		t.Fatalf("wrote %v, want page-001.png, page-002.png… (the seed on A5 takes several pages)", names)
	}
	f, err := os.Open(names[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	// A5 is 419.53×595.28 pt: at 30 dpi, 174.8×248.0 pixels, rounded up
	if cfg.Width != 175 || cfg.Height != 249 {
		t.Errorf("page is %d×%d pixels, want 175×249", cfg.Width, cfg.Height)
	}

	only := filepath.Join(dir, "only2")
	if code, _, stderr := galleyRun(t, nil, "preview", seed, "-o", only, "--dpi", "30", "--page", "A5", "--pages", "2"); code != exitOK {
		t.Fatalf("--pages 2: exit %d: %s", code, stderr)
	}
	if names, _ := filepath.Glob(filepath.Join(only, "*")); len(names) != 1 || filepath.Base(names[0]) != "page-002.png" {
		t.Errorf("--pages 2 wrote %v", names)
	}
}

func TestPreviewCommandErrors(t *testing.T) {
	seed := seedPath(t)
	dir := inTemp(t)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"preview", seed}, exitUsage, "-o DIR"},
		{[]string{"preview", seed, "-o", "out", "--dpi", "5"}, exitUsage, "--dpi"},
		{[]string{"preview", seed, "-o", "out", "--pages", "two"}, exitUsage, "--pages"},
		{[]string{"preview", seed, "-o", "out", "--page", "Z9"}, exitUsage, "page size"},
		{[]string{"preview", seed, "-o", "out", "--pages", "40-"}, exitFailed, "chooses none"},
		{[]string{"preview", filepath.Join(dir, "missing.txt"), "-o", "out"}, exitFailed, "missing.txt"},
	} {
		code, _, stderr := galleyRun(t, nil, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, %q; want exit %d mentioning %q", c.args[2:], code, stderr, c.code, c.msg)
		}
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "out", "*")); len(names) != 0 {
		t.Errorf("failed runs left %v", names)
	}
}

func TestParsePageRanges(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // which of pages 1–8 are chosen
	}{
		{"", "12345678"},
		{"3", "3"},
		{"2-4", "234"},
		{"6-", "678"},
		{"-2", "12"},
		{"1,3,5-6", "1356"},
		{" 7 , 2 ", "27"},
	} {
		sel, err := parsePageRanges(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		got := ""
		for n := 1; n <= 8; n++ {
			if sel == nil || sel(n) {
				got += string(rune('0' + n))
			}
		}
		if got != c.want {
			t.Errorf("%q chooses %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"0", "a", "3-1", "-", "1,,2", "1-2-3", "-0"} {
		if _, err := parsePageRanges(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

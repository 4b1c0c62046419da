package lazyregexp

import (
	"sync"
	"testing"
)

func TestCompilesOnFirstUse(t *testing.T) {
	inTest = false
	defer func() { inTest = true }()
	r := New(`(\d+)-(\d+)`)
	if r.rx != nil {
		t.Fatal("New compiled the expression before its first use")
	}
	if got := r.String(); got != `(\d+)-(\d+)` {
		t.Errorf("String() = %q before compiling", got)
	}
	if r.rx != nil {
		t.Fatal("String compiled the expression")
	}
	if !r.MatchString("12-34") || r.MatchString("12") {
		t.Error("MatchString disagrees with the expression")
	}
	if r.rx == nil {
		t.Fatal("MatchString left the expression uncompiled")
	}
	if got := r.FindStringSubmatch("a 12-34 b"); len(got) != 3 || got[2] != "34" {
		t.Errorf("FindStringSubmatch = %q", got)
	}
}

func TestCompilesOnceUnderConcurrentUse(t *testing.T) {
	inTest = false
	defer func() { inTest = true }()
	r := New(`^a+$`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("aaa") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
	if r.Regexp() != r.Regexp() {
		t.Error("Regexp returned two different compilations")
	}
}

func TestTestBinariesCompileAtOnce(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a malformed expression did not panic in New inside a test binary")
		}
	}()
	New(`(unclosed`)
}

package batch

import (
	"fmt"
	"testing"
)

func TestShardDistribution(t *testing.T) {
	const ids, n = 10000, 4
	counts := make([]int, n)
	for k := range ids {
		id := fmt.Sprintf("posts/2024/%05d-story.md", k)
		shares := 0
		for i := 1; i <= n; i++ {
			if Shard(id, i, n) {
				shares++
				counts[i-1]++
			}
		}
		if shares != 1 {
			t.Fatalf("%s is in %d shares", id, shares)
		}
	}
	for i, c := range counts {
		if c < 2375 || c > 2625 {
			t.Errorf("share %d/%d has %d of %d IDs", i+1, n, c, ids)
		}
	}
	// the hash is FNV-1a 64: fixed values, the same on every run
	for _, tc := range []struct {
		id    string
		share int
	}{{"", 1}, {"a", 0}, {"feed.xml#g1", 3}} { // checked against an independent FNV-1a
		for i := 1; i <= n; i++ {
			if got := Shard(tc.id, i, n); got != (i == tc.share+1) {
				t.Errorf("Shard(%q, %d, %d) = %v", tc.id, i, n, got)
			}
		}
	}
	if !Shard("x", 1, 1) {
		t.Error("one share takes everything")
	}
}

func TestParseShard(t *testing.T) {
	for _, s := range []string{"1/4", "4/4", " 2 / 3 ", "1/1"} {
		if _, _, err := ParseShard(s); err != nil {
			t.Errorf("ParseShard(%q): %v", s, err)
		}
	}
	if i, n, _ := ParseShard("3/8"); i != 3 || n != 8 {
		t.Errorf("3/8 gave %d/%d", i, n)
	}
	for _, s := range []string{"0/4", "5/4", "x", "1/0", "", "1/", "/4", "a/b", "-1/4", "1/4/2"} {
		if _, _, err := ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) took it", s)
		}
	}
}

package readability

import (
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// webSources reads the source.html of every page of the shared corpus.
func webSources(t testing.TB) [][]byte { return testcorpus.WebSources(t) }

package media

// The -update flag of `go test ./... -update` is defined in every test binary.
import _ "github.com/galleyprint/galley/internal/golden"

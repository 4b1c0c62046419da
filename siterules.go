package galley

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/galleyprint/galley/parse"
)

// SiteRule is a user's rule for the pages of one site: its hosts, and CSS
// selectors of elements to remove before extraction and to keep in the
// article (docs/site-rules.md).
type SiteRule = parse.SiteRule

// ErrBadSelector is wrapped by the error for a CSS selector galley cannot
// use (--remove, --keep, a site rule's).
var ErrBadSelector = parse.ErrBadSelector

// Extraction changes what is taken from an HTML page: the selectors of
// --remove and --keep, and the site rules a caller loaded (LoadSiteRules).
// The zero value changes nothing.
type Extraction struct {
	Remove, Keep []string
	Sites        []SiteRule
}

// Apply sets the parse options the extraction changes.
func (e Extraction) Apply(po *ParseOptions) {
	po.Remove, po.Keep, po.Sites = e.Remove, e.Keep, e.Sites
}

// MaxSiteRuleBytes bounds a site rule file.
const MaxSiteRuleBytes = 64 << 10

// siteRuleFile is a site rule file's TOML.
type siteRuleFile struct {
	Hosts  []string `toml:"hosts"`
	Remove []string `toml:"remove"`
	Keep   []string `toml:"keep"`
}

// DefaultSitesDir is the folder of site rules the CLI reads when --sites
// is not given: sites in the user's configuration folder
// (~/.config/galley/sites on Linux, $XDG_CONFIG_HOME when set); "" when
// there is none.
func DefaultSitesDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "galley", "sites")
}

// LoadSiteRules reads the site rules of dir: each *.toml file in it, in
// name order, is one rule (docs/site-rules.md); other files are not read.
// A rule with no hosts, an unknown key or a selector galley cannot use
// is refused, naming its file.
func LoadSiteRules(dir string) ([]SiteRule, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("site rules: %w", err)
	}
	var rules []SiteRule
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		r, err := readSiteRule(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b SiteRule) int { return strings.Compare(a.Name, b.Name) })
	return rules, nil
}

// readSiteRule reads one site rule file.
func readSiteRule(path string) (SiteRule, error) {
	f, err := os.Open(path)
	if err != nil {
		return SiteRule{}, err
	}
	defer f.Close()
	data, err := readAtMost(f, MaxSiteRuleBytes)
	if err != nil {
		return SiteRule{}, fmt.Errorf("%s: %w", path, err)
	}
	var rf siteRuleFile
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rf); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) {
			return SiteRule{}, fmt.Errorf("%s: unknown key: %s (a rule has hosts, remove and keep)", path, strings.TrimSpace(strict.String()))
		}
		return SiteRule{}, fmt.Errorf("%s: %w", path, err)
	}
	r := SiteRule{Name: path, Hosts: rf.Hosts, Remove: rf.Remove, Keep: rf.Keep}
	if err := r.Check(); err != nil {
		return SiteRule{}, err
	}
	return r, nil
}

// readAtMost reads f whole, refusing more than limit bytes.
func readAtMost(f fs.File, limit int64) ([]byte, error) {
	var b bytes.Buffer
	if _, err := b.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > limit {
		return nil, fmt.Errorf("larger than %s: not a site rule", byteSize(limit))
	}
	return b.Bytes(), nil
}

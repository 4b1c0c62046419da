package fpdf

// Galley patch 41 (see PATCHES.md): an output intent's ICC profile is
// deflated once per process.

import "sync"

// profiles holds the output intents' ICC profiles deflated, by their
// bytes: a program uses one or two profiles, the same in every document.
var profiles = struct {
	mu       sync.Mutex
	deflated map[string][]byte
}{deflated: map[string][]byte{}}

// maxProfiles bounds profiles for a program that makes up profiles.
const maxProfiles = 8

// deflatedProfile returns profile as a zlib stream, as compress makes
// it, made once per profile.
func deflatedProfile(profile []byte) []byte {
	profiles.mu.Lock()
	defer profiles.mu.Unlock()
	if z, ok := profiles.deflated[string(profile)]; ok {
		return z
	}
	mem := xmem.compress(profile)
	z := mem.copy()
	mem.release()
	if len(profiles.deflated) < maxProfiles {
		profiles.deflated[string(profile)] = z
	}
	return z
}

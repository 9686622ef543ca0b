//go:build !linux

package write

// exchange is not available here: swap falls back to two renames, and the
// output folder is missing for the moment between them.
func exchange(a, b string) error { return errNoExchange }

// haveLock: without a lock, removeStale removes only old leftovers.
const haveLock = false

func lock(parent, name string) (unlock func(), err error) { return func() {}, nil }

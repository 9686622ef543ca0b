package write

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the two paths in one step (renameat2 RENAME_EXCHANGE), so
// that dir is never missing; errNoExchange where the file system lacks it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return errNoExchange
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}

// haveLock: builds of one output folder take a lock, so leftovers found
// under it are stale whatever their age.
const haveLock = true

// lock takes an exclusive lock on the parent folder itself (flock works on
// folders; no lock file is left behind) for the build, so two builds there
// never interleave and removeStale cannot remove a running build's folder.
func lock(parent, name string) (unlock func(), err error) {
	f, err := os.Open(parent)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { unix.Flock(int(f.Fd()), unix.LOCK_UN); f.Close() }, nil
}

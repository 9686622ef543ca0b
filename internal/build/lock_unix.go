//go:build unix

package build

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockOutput holds an exclusive lock on a file beside the output folder
// (.site.lock for site/) until unlock is called: a second build into the
// same folder waits for the first to swap its site in, instead of
// deleting the first one's temporary folder as a stale one.
func lockOutput(out string) (unlock func(), err error) {
	parent, name := filepath.Split(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(parent, "."+name+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

package project

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// plainOpen opens a path beneath the repository folder only when no part
// of it is a symbolic link (RESOLVE_NO_SYMLINKS, which also keeps it
// beneath), without blocking on a FIFO. Such a path is one os.Root opens
// too, as the same file: os.Root follows only the links this refuses.
var plainOpen = unix.OpenHow{
	Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | unix.O_NONBLOCK,
	Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
}

// readPlain reads the regular file at name, a path with no symbolic link
// in it, with openat2, fstat, reads and close: false when it cannot
// (then os.Root reads it, and says why not).
func (r *repoFS) readPlain(name string) ([]byte, bool) {
	if r.dir == nil || !fs.ValidPath(name) {
		return nil, false
	}
	fd, err := unix.Openat2(r.fd, name, &plainOpen)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	// One byte more than the size, so that a file grown since fstat is
	// read on without a larger buffer (as os.ReadFile does).
	data := make([]byte, 0, st.Size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
		if int64(len(data)) == st.Size {
			// The reads gave the size fstat gave, and less than they
			// asked for (the room is one byte larger): a regular file
			// read short is read to its end, so the read os.ReadFile
			// makes to see the end is spared.
			return data, true
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

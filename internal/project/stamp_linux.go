package project

import (
	"io/fs"
	"syscall"
)

// sysStamp adds the inode and change time to s: a file replaced by
// another of the same size and time (a rename over it, a restore) is
// another inode, a file rewritten has a new change time.
func sysStamp(fi fs.FileInfo, s *stamp) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.ino = st.Ino
		s.ctime = int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)
	}
}

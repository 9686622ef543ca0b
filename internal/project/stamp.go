package project

import (
	"errors"
	"io/fs"
	"time"

	"gongkai/internal/codec"
)

// stamp is what a file's metadata says of it, for the article store to
// tell an unchanged file without reading it, as git's index does: its
// kind, size, modification time and, where the platform has them, inode
// and change time (stamp_linux.go).
type stamp struct {
	kind  uint8
	size  int64
	mtime int64 // ns since the epoch
	ino   uint64
	ctime int64 // ns since the epoch
}

// The kinds of stamp.
const (
	absent uint8 = iota
	regular
	folder
	symlink
	other
)

// stampOf returns the stamp of a stat's result, false when it says
// nothing certain (an error other than not existing).
func stampOf(fi fs.FileInfo, err error) (stamp, bool) {
	if errors.Is(err, fs.ErrNotExist) {
		return stamp{kind: absent}, true
	}
	if err != nil {
		return stamp{}, false
	}
	s := stamp{kind: other, size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	switch m := fi.Mode(); {
	case m.IsRegular():
		s.kind = regular
	case m.IsDir():
		s.kind = folder
	case m&fs.ModeSymlink != 0:
		s.kind = symlink
	}
	sysStamp(fi, &s)
	return s, true
}

// racy reports whether the file may have changed after it was stamped
// without its stamp changing: it was modified less than a second (a
// coarse file system's clock tick) before start, the time the build that
// stamped it began reading, or later.
func (s stamp) racy(start time.Time) bool {
	return s.kind != absent && s.mtime >= start.Add(-time.Second).UnixNano()
}

func (s stamp) encode(e *codec.Encoder) {
	e.Uint(uint64(s.kind))
	e.Int(s.size)
	e.Int(s.mtime)
	e.Uint(s.ino)
	e.Int(s.ctime)
}

func decodeStamp(d *codec.Decoder) stamp {
	return stamp{kind: uint8(d.Uint()), size: d.Int(), mtime: d.Int(), ino: d.Uint(), ctime: d.Int()}
}

package write

import (
	"os"
	"path/filepath"
)

// File writes data to name through a temporary file in the same folder and
// a rename, so a reader never sees half a file: gongkai's one single-file
// writer (calendar, index, bulletin, sign). The folder is created when
// missing; an existing file keeps its permissions, a new one is 0644.
func File(name string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(name); err == nil {
		mode = st.Mode().Perm()
	}
	return file(name, data, mode)
}

// PrivateFile is File for a file only its owner may read, whatever its
// permissions were (0600): the article store beside a build's output
// holds the front matter of internal articles.
func PrivateFile(name string, data []byte) error { return file(name, data, 0o600) }

// file writes data to name with the permissions mode (see File).
func file(name string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".gongkai-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

//go:build !linux

package project

// readPlain reads nothing elsewhere: os.Root reads every file.
func (r *repoFS) readPlain(string) ([]byte, bool) { return nil, false }

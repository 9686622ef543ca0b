//go:build !unix

package bulletin

import "os/exec"

// ownProcessGroup does nothing where process groups do not exist; the
// context still kills the browser's main process.
func ownProcessGroup(cmd *exec.Cmd) {}

func killGroup(cmd *exec.Cmd) {}

//go:build !unix

package browsertest

import "os/exec"

// setProcessGroup does nothing where process groups do not exist.
func setProcessGroup(cmd *exec.Cmd) {}

// killProcessGroup kills the browser process itself.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.Process.Kill()
}

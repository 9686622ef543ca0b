//go:build unix

package bulletin

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts the browser in a process group of its own, and
// makes cancelling kill the whole group (renderer and helper processes).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		killGroup(cmd)
		return nil
	}
}

// killGroup kills whatever is left in the browser's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

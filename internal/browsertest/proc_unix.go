//go:build unix

package browsertest

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the browser in a process group of its own, so that
// killProcessGroup reaches its renderer and helper processes too.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killProcessGroup kills every process left in the browser's group.
func killProcessGroup(cmd *exec.Cmd) {
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

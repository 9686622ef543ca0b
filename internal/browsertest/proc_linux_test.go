package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// liveGroupMembers lists the processes in process group pgid that are still
// running (zombies, already dead and waiting for init, do not count).
func liveGroupMembers(pgid int) []string {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var live []string
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // exited while we looked
		}
		// Fields after the parenthesised command: state ppid pgrp …
		_, rest, ok := strings.Cut(string(data), ") ")
		f := strings.Fields(rest)
		if !ok || len(f) < 3 || f[0] == "Z" || f[2] != strconv.Itoa(pgid) {
			continue
		}
		live = append(live, strings.TrimSuffix(path, "/stat"))
	}
	return live
}

func TestCleanupLeavesNoBrowserProcess(t *testing.T) {
	var pgid int
	t.Run("browser", func(t *testing.T) {
		b := Start(t)
		p := b.NewPage(t)
		if err := p.Navigate("about:blank"); err != nil {
			t.Fatal(err)
		}
		pgid = b.cmd.Process.Pid
		if live := liveGroupMembers(pgid); len(live) < 2 {
			t.Errorf("browser group %d has %d live processes, want the browser and its helpers", pgid, len(live))
		}
	})
	if pgid == 0 {
		return // skipped: no browser
	}
	// SIGKILL is delivered asynchronously; give the kernel a moment.
	var live []string
	for range 50 {
		if live = liveGroupMembers(pgid); len(live) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("after cleanup, browser processes still running: %v", live)
}

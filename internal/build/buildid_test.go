package build

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestGoBuildIDIsTheOneGoToolReports(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	got := goBuildID(exe)
	if want := strings.TrimSpace(string(out)); string(got) != want {
		t.Fatalf("goBuildID = %q, want %q", got, want)
	}
}

// Package stages holds the test of the layout's one import rule:
// a stage — load, check, render, write, report — never imports another
// stage; only project, build, bulletin, serve and cmd put stages together.
package stages

import (
	"os/exec"
	"strings"
	"testing"
)

var stages = []string{"load", "check", "render", "write", "report"}

func TestStagesDoNotImportEachOther(t *testing.T) {
	for _, s := range stages {
		out, err := exec.Command("go", "list", "-deps", "gongkai/internal/"+s).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", s, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, other := range stages {
				if other != s && dep == "gongkai/internal/"+other {
					t.Errorf("internal/%s imports internal/%s: stages may not import each other; put them together in project, build, bulletin, serve or cmd", s, other)
				}
			}
		}
	}
}

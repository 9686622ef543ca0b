package diag

import (
	"strings"
	"testing"
)

func TestSortOrdersByPathLineColumnAndDropsDuplicates(t *testing.T) {
	var l List
	l.Errorf(Pos{"content/b.md", 2, 1}, "GK002", "b")
	l.Warnf(Pos{"content/a.md", 10, 3}, "GK020", "late")
	l.Errorf(Pos{"content/a.md", 2, 5}, "GK003", "x")
	l.Errorf(Pos{"content/a.md", 2, 5}, "GK003", "x")
	l.Errorf(Pos{"content/a.md", 0, 0}, "GK001", "whole file")
	var b strings.Builder
	l.Sort().WriteText(&b)
	want := "content/a.md:1:1: error GK001 whole file\n" +
		"content/a.md:2:5: error GK003 x\n" +
		"content/a.md:10:3: warning GK020 late\n" +
		"content/b.md:2:1: error GK002 b\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if e, w := l.Sort().Count(); e != 3 || w != 1 {
		t.Errorf("count %d errors %d warnings", e, w)
	}
}

func TestGitHubAnnotationsEscapeWhatTheRunnerReads(t *testing.T) {
	var l List
	l.Errorf(Pos{"content/a,b:c.md", 3, 7}, "GK050", "100%% wrong\r\nsecond line")
	var b strings.Builder
	l.WriteGitHub(&b)
	want := "::error file=content/a%2Cb%3Ac.md,line=3,col=7,title=GK050::100%25 wrong%0D%0Asecond line\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

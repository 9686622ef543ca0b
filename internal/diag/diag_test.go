package diag

import (
	"encoding/json"
	"strings"
	"testing"

	"gongkai/internal/msg"
)

func TestSortOrdersInPlaceByPathLineColumnAndDedupeDropsDuplicates(t *testing.T) {
	var l List
	l.Errorf(Pos{"content/b.md", 2, 1}, "GK002", "b")
	l.Warnf(Pos{"content/a.md", 10, 3}, "GK020", "late")
	l.Errorf(Pos{"content/a.md", 2, 5}, "GK003", "x")
	l.Errorf(Pos{"content/a.md", 2, 5}, "GK003", "x")
	l.Errorf(Pos{"content/a.md", 0, 0}, "GK001", "whole file")
	l.Sort()
	if len(l) != 5 || l[0].ID != "GK001" || !l[1].Same(l[2]) || l[4].ID != "GK002" {
		t.Fatalf("Sort kept %d findings in this order, want 5 sorted in place with the duplicate kept:\n%s", len(l), l)
	}
	l = l.Dedupe()
	var b strings.Builder
	l.WriteText(&b)
	want := "content/a.md:1:1: 错误 GK001 whole file\n" +
		"content/a.md:2:5: 错误 GK003 x\n" +
		"content/a.md:10:3: 警告 GK020 late\n" +
		"content/b.md:2:1: 错误 GK002 b\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if e, w := l.Count(); e != 3 || w != 1 {
		t.Errorf("count %d errors %d warnings", e, w)
	}
}

func TestTextNamesTheSeverityInTheCurrentLanguage(t *testing.T) {
	defer msg.SetLang(msg.Current())
	var l List
	l.Warnf(Pos{"content/a.md", 1, 1}, "GK020", "late")
	msg.SetLang(msg.EN)
	if got := l.String(); got != "content/a.md:1:1: warning GK020 late\n" {
		t.Errorf("en: %q", got)
	}
	if got := l.JSON()[0].Severity.String(); got != "warning" {
		t.Errorf("JSON severity %q", got)
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

func TestGitLabReportKeepsFingerprintsWhenLinesMove(t *testing.T) {
	var l List
	l.Errorf(Pos{Path: "content/a.md", Line: 3, Col: 1}, "GK030", "正文含有涉密词语")
	l.Warnf(Pos{Path: "content/a.md", Line: 9, Col: 2}, "GK030", "正文含有涉密词语")
	var moved List
	moved.Errorf(Pos{Path: "content/a.md", Line: 5, Col: 1}, "GK030", "正文含有涉密词语")
	moved.Warnf(Pos{Path: "content/a.md", Line: 11, Col: 2}, "GK030", "正文含有涉密词语")

	got, again := l.GitLab(), moved.GitLab()
	if got[0].Fingerprint != again[0].Fingerprint || got[1].Fingerprint != again[1].Fingerprint {
		t.Error("fingerprints changed when the lines moved")
	}
	if got[0].Fingerprint == got[1].Fingerprint {
		t.Error("two findings share a fingerprint")
	}
	var b strings.Builder
	if err := l.WriteGitLab(&b); err != nil {
		t.Fatal(err)
	}
	var decoded []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &decoded); err != nil {
		t.Fatal(err)
	}
	first := decoded[0]
	loc := first["location"].(map[string]any)
	if first["description"] != "正文含有涉密词语" || first["check_name"] != "GK030" || first["severity"] != "critical" ||
		decoded[1]["severity"] != "minor" || loc["path"] != "content/a.md" || loc["lines"].(map[string]any)["begin"] != 3.0 {
		t.Errorf("report:\n%s", b.String())
	}
	var empty strings.Builder
	List(nil).WriteGitLab(&empty)
	if strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("empty report = %q, want []", empty.String())
	}
}

func TestErrorPathsAreTheFilesWithAnErrorNotAWarning(t *testing.T) {
	var l List
	l.Warnf(Pos{"content/a.md", 1, 1}, "GK020", "late")
	l.Errorf(Pos{"content/b.md", 2, 1}, "GK002", "b")
	l.Errorf(Pos{"content/b.md", 3, 1}, "GK003", "c")
	got := l.ErrorPaths()
	if len(got) != 1 || !got["content/b.md"] {
		t.Errorf("ErrorPaths() = %v, want only content/b.md", got)
	}
}

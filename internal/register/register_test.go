package register

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/config"
)

var update = flag.Bool("update", false, "rewrite want.txt in testdata/*.txtar")

func testConfig(t *testing.T) *config.Config {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip(err)
	}
	return &config.Config{Location: loc, Calendar: config.ShippedCalendar()}
}

// TestChecks compares the findings of testdata/checks.txtar with its
// want.txt: one request file per rule, checked at 2025-12-31, and the
// annual/ inputs.
func TestChecks(t *testing.T) {
	const file = "testdata/checks.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	reqs, findings := Load(fsys, cfg.Location)
	now := time.Date(2025, 12, 31, 23, 0, 0, 0, cfg.Location)
	findings = append(findings, Check(reqs, cfg, now)...)
	findings = append(findings, CheckAnnual(fsys, cfg.Location)...)
	findings.Sort()
	findings = findings.Dedupe()
	var got bytes.Buffer
	findings.WriteText(&got)
	for i, f := range ar.Files {
		if f.Name != "want.txt" {
			continue
		}
		if *update {
			ar.Files[i].Data = got.Bytes()
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if !bytes.Equal(got.Bytes(), f.Data) {
			t.Errorf("got\n%s\nwant\n%s", got.Bytes(), f.Data)
		}
	}
}

// TestDueSoonListsOverdueAndNearRequests checks the 申请即将到期 section.
func TestDueSoonListsOverdueAndNearRequests(t *testing.T) {
	cfg := testConfig(t)
	a, _ := Parse("requests/2025/a.yaml", []byte("received: 2025-11-03\napplicant: {type: 自然人}\nchannel: 网络\nrequest: 甲\n"), cfg.Location)
	b, _ := Parse("requests/2025/b.yaml", []byte("received: 2025-12-01\napplicant: {type: 自然人}\nchannel: 网络\nrequest: 乙\n"), cfg.Location)
	c, _ := Parse("requests/2025/c.yaml", []byte("received: 2025-12-30\napplicant: {type: 自然人}\nchannel: 网络\nrequest: 丙\n"), cfg.Location)
	due := DueSoon([]*Request{c, b, a}, cfg, time.Date(2025, 12, 24, 12, 0, 0, 0, cfg.Location))
	var out bytes.Buffer
	WriteDue(&out, due)
	want := "申请即将到期（2 件）：\n" +
		"  2025-11-03  甲（自然人）  答复期限 2025-12-01，已逾期 17 个工作日  requests/2025/a.yaml\n" +
		"  2025-12-01  乙（自然人）  答复期限 2025-12-29，还剩 3 个工作日  requests/2025/b.yaml\n\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if strings.Contains(out.String(), "丙") {
		t.Error("a request due in 20 working days is listed")
	}
}

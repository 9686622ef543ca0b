package main

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/register"
	"gongkai/internal/report"
)

// genRequest writes request number i of a generated register under dir,
// received in 2024 or 2025, and returns the markers its texts carry: the
// applicant's name and contact, the request, the extension's reason, the
// note and the file name.
func genRequest(t *testing.T, dir string, seed uint64, i int, rng *rand.Rand) []string {
	t.Helper()
	m := fmt.Sprintf("LEAK%dR%dX", seed, i)
	marks := []string{m + "NAME", m + "CONTACT", m + "REQUEST", m + "REASON", m + "NOTE", m + "FILE"}
	year := 2024 + rng.IntN(2)
	month := 1 + rng.IntN(12)
	if year == 2024 {
		month = 12
	}
	received := fmt.Sprintf("%d-%02d-%02d", year, month, 1+rng.IntN(20))
	var b strings.Builder
	fmt.Fprintf(&b, "received: %s\napplicant: {type: %s, name: %s, contact: %s}\nchannel: %s\nrequest: %s\nnote: %s\n",
		received, pick(rng, register.ApplicantTypes), marks[0], marks[1], pick(rng, register.Channels), marks[2], marks[4])
	// Later dates stay after received: the next month, or January 2026.
	later := func(day int) string {
		if month == 12 {
			return fmt.Sprintf("%d-01-%02d", year+1, day)
		}
		return fmt.Sprintf("%d-%02d-%02d", year, month+1, day)
	}
	if rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "extension: {at: %s, reason: %s}\n", later(1), marks[3])
	} else {
		fmt.Fprintf(&b, "supplement: {asked: %s, received: %s}\n", later(1), later(2))
	}
	if rng.IntN(4) > 0 {
		fmt.Fprintf(&b, "reply: {at: %s, result: %s}\n", later(10), pick(rng, register.ResultValues()))
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "appeals:\n  - {kind: %s, at: %s, result: %s}\n", pick(rng, register.AppealKinds), later(20), pick(rng, register.AppealResults))
		}
	}
	folder := filepath.Join(dir, "requests", fmt.Sprint(year))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, fmt.Sprintf("requests/%d/%s.yaml", year, marks[5]), b.String())
	return marks
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// reportFront is the signed front matter given to the saved annual report,
// as its reviewers would after checking the draft.
const reportFront = `---
title: 测试县招商局2025年政府信息公开工作年度报告
department: 办公室
category: 信息公开年度工作报告
kind: 政策文件
authors: [张三]
disclosure: 主动公开
bulletin: true
index_no: 11330782MB1234567X/2026-00001
review:
  content: {by: 李四, at: 2026-01-19, opinion: 公开}
  secrecy: {by: 王五, at: 2026-01-19, result: 不涉密}
  release: {by: 赵六, at: 2026-01-20, disclosure: 主动公开}
  signoff: {by: 钱七, at: 2026-01-20}
  entry: {by: 孙八, at: 2026-01-21}
  verify: {by: 孙八, at: 2026-01-21}
---
`

// TestNoFieldOfTheRegisterReachesTheSiteOrABulletin generates registers
// whose every text is a marker, saves the annual report as an article,
// signs it, builds the site and a public bulletin carrying it: no marker
// is in any output of the report, any file or file name under site/, or
// the bulletin. The control: the report's tables are on the site.
func TestNoFieldOfTheRegisterReachesTheSiteOrABulletin(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		dir := repo(t, "small.txtar")
		cfg := strings.Replace(readFile(t, dir, "gongkai.yaml"), "categories: [工作动态, 规范性文件]", "categories: [工作动态, 规范性文件, 信息公开年度工作报告]", 1)
		write(t, dir, "gongkai.yaml", cfg)
		rng := rand.New(rand.NewPCG(seed, 0x7e9))
		var marks []string
		for i := range 12 {
			marks = append(marks, genRequest(t, dir, seed, i, rng)...)
		}
		for _, format := range report.Formats {
			out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--format", format, "--now", "2026-01-15")
			if code != 0 {
				t.Fatalf("seed %d: report --annual --format %s: code %d\n%s", seed, format, code, stderr)
			}
			noMarker(t, seed, "report --annual --format "+format, out+stderr, marks)
		}
		out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--save", "--now", "2026-01-15")
		if code != 0 {
			t.Fatalf("seed %d: --save: code %d\n%s%s", seed, code, out, stderr)
		}
		saved := readFile(t, dir, "content/2026/2025-nianbao.md")
		_, body, _ := strings.Cut(saved, "---\n\n")
		write(t, dir, "content/2026/2025-nianbao.md", reportFront+"\n"+body)
		site := filepath.Join(t.TempDir(), "site")
		if out, stderr, code := gongkai(t, "-C", dir, "build", "-o", site, "--now", "2026-01-22"); code != 0 {
			t.Fatalf("seed %d: build: code %d\n%s%s", seed, code, out, stderr)
		}
		issue := filepath.Join(t.TempDir(), "bulletin")
		if out, stderr, code := gongkai(t, "-C", dir, "bulletin", "2026Q1", "--audience", "public", "-o", issue, "--now", "2026-01-22"); code != 0 || !strings.Contains(out, "1 篇稿件") {
			t.Fatalf("seed %d: bulletin: code %d\n%s%s", seed, code, out, stderr)
		}
		all := treeText(t, site) + treeText(t, issue)
		if !strings.Contains(all, "三、收到和处理政府信息公开申请情况") || !strings.Contains(all, "一、本年新收政府信息公开申请数量") {
			t.Fatalf("seed %d: the annual report's table 三 is not on the site: the test tests nothing", seed)
		}
		noMarker(t, seed, "site/ and the bulletin", all, marks)
	}
}

// treeText returns every file name and file content under dir, the search
// index's lower-case folding included.
func treeText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p + "\n")
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func noMarker(t *testing.T, seed uint64, where, text string, marks []string) {
	t.Helper()
	lower := strings.ToLower(text)
	for _, m := range marks {
		if strings.Contains(text, m) || strings.Contains(lower, strings.ToLower(m)) {
			t.Errorf("seed %d: %s contains the register's %s", seed, where, m)
		}
	}
}

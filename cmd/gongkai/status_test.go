package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/status/")

// golden compares got with testdata/status/<name>, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "status", name)
	if *update {
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("got\n%s\nwant (%s)\n%s", got, file, want)
	}
}

// TestStatusGolden prints the queue of sign.txtar after two sign-offs:
// everyone's (people in pinyin order, corrections first, waiting days and
// deadlines), one person's (--me, the default on a terminal), and JSON.
func TestStatusGolden(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	if _, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开", "--at", "2025-03-04"); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		name, email string
		args        []string
	}{
		{"all.txt", "lisi@example.gov.cn", []string{"--all"}},
		{"me.txt", "wangwu@example.gov.cn", []string{"--me"}},
		{"me-nothing.txt", "qianqi@example.gov.cn", []string{"--me"}},
		{"all.json", "wangwu@example.gov.cn", []string{"--format", "json"}},
		{"me.json", "wangwu@example.gov.cn", []string{"--me", "--format", "json"}},
		{"all-en.txt", "lisi@example.gov.cn", []string{"--all", "--lang-en"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			as(t, c.email)
			args := []string{"-C", dir, "status", "--now", "2025-03-07"}
			if c.args[len(c.args)-1] == "--lang-en" {
				args = append([]string{"--lang", "en"}, args...)
				c.args = c.args[:len(c.args)-1]
			}
			out, stderr, code := gongkai(t, append(args, c.args...)...)
			if code != 0 {
				t.Fatalf("code %d\n%s", code, stderr)
			}
			golden(t, c.name, out)
		})
	}
}

func TestStatusMeNeedsADeclaredEmail(t *testing.T) {
	dir := signRepo(t)
	as(t, "someone@example.com")
	_, stderr, code := gongkai(t, "-C", dir, "status", "--me")
	want := "gongkai：status --me：git config user.email 为“someone@example.com”，gongkai.yaml 的 people: 中没有此邮箱；请设置本人邮箱（git config user.email 你的邮箱），或用 --all\n"
	if code != 2 || stderr != want {
		t.Fatalf("code %d\n%q", code, stderr)
	}
}

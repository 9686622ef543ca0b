package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCalendarImportAddsTheKeyAndWritesTheYear(t *testing.T) {
	dir := t.TempDir()
	cfg := "# our settings\nsite:\n  title: 某县招商局\n"
	if err := os.WriteFile(filepath.Join(dir, "gongkai.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	notice, err := os.ReadFile("../../internal/config/testdata/notices/2026.txt")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "2027.txt")
	os.WriteFile(name, []byte(strings.ReplaceAll(string(notice), "2026", "2027")), 0o644)

	stdout, stderr, code := gongkai(t, "-C", dir, "calendar", "import", name)
	if code != 0 {
		t.Fatalf("code %d, stderr %s", code, stderr)
	}
	for _, want := range []string{
		"2027 年节假日安排",
		"  春节：放假 2027-02-15 至 2027-02-23，共 9 天；调休上班 2027-02-14、2027-02-28\n",
		"已在 gongkai.yaml 中加入 calendar: calendar.yaml\n",
		"已将 2027 年安排写入 calendar.yaml",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "gongkai.yaml"))
	if string(got) != cfg+"calendar: calendar.yaml\n" {
		t.Errorf("gongkai.yaml:\n%s", got)
	}
	cal, _ := os.ReadFile(filepath.Join(dir, "calendar.yaml"))
	if !strings.Contains(string(cal), "2027:\n  off:  [2027-01-01..2027-01-03, 2027-02-15..2027-02-23,") {
		t.Errorf("calendar.yaml:\n%s", cal)
	}

	// A second import of the same year replaces it; the key is not added twice.
	stdout, _, code = gongkai(t, "-C", dir, "calendar", "import", name)
	again, _ := os.ReadFile(filepath.Join(dir, "calendar.yaml"))
	if code != 0 || strings.Contains(stdout, "加入 calendar") || string(again) != string(cal) {
		t.Errorf("second import: code %d\n%s\n%s", code, stdout, again)
	}
}

func TestCalendarImportOfAnUnreadableNoticeWritesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "gongkai.yaml"), []byte("site: {title: x}\n"), 0o644)
	name := filepath.Join(dir, "n.txt")
	os.WriteFile(name, []byte("国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月30日至3月2日放假调休，共8天。\n"), 0o644)
	_, stderr, code := gongkai(t, "-C", dir, "calendar", "import", name)
	if code != 1 || !strings.Contains(stderr, "n.txt:2:1: 错误 GK043 “2月30日至3月2日放假调休”不是有效日期") || !strings.Contains(stderr, "日历文件未改动") {
		t.Errorf("code %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "calendar.yaml")); err == nil {
		t.Error("calendar.yaml written")
	}
}

func TestCalendarShowJSON(t *testing.T) {
	stdout, stderr, code := gongkai(t, "-C", t.TempDir(), "calendar", "show", "2007..2008", "--format", "json")
	if code != 0 {
		t.Fatalf("code %d, %s", code, stderr)
	}
	var got struct {
		Years []struct {
			Year  int      `json:"year"`
			Known bool     `json:"known"`
			Off   []string `json:"off"`
			Work  []string `json:"work"`
		} `json:"years"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Years) != 2 || got.Years[0].Known || !got.Years[1].Known {
		t.Fatalf("%s", stdout)
	}
	// Each year lists its own days: the 2008 notice's 元旦 began on
	// 2007-12-30 (2007-12-29 worked), which 2007 lists though it is not known.
	if y := got.Years[0]; y.Year != 2007 || strings.Join(y.Off, " ") != "2007-12-30 2007-12-31" || strings.Join(y.Work, " ") != "2007-12-29" {
		t.Errorf("2007: %+v", y)
	}
	y := got.Years[1]
	if y.Year != 2008 || y.Off[0] != "2008-01-01" || len(y.Off) != 1+7+3+3+3+3+7 || y.Work[0] != "2008-02-02" || len(y.Work) != 5 {
		t.Errorf("2008: %+v", y)
	}
}

package config

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// shippedYear returns the lines of one year in holidays.yaml.
func shippedYear(t *testing.T, year int) string {
	t.Helper()
	lines := strings.SplitAfter(string(shippedSource), "\n")
	for i, line := range lines {
		if line == fmt.Sprintf("%d:\n", year) {
			return strings.Join(lines[i:i+3], "")
		}
	}
	t.Fatalf("holidays.yaml has no %d", year)
	return ""
}

func TestImportedNoticesReproduceTheBuiltInSchedules(t *testing.T) {
	for _, year := range []int{2024, 2025, 2026} {
		name := fmt.Sprintf("testdata/notices/%d.txt", year)
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n, findings := ParseNotice(string(src), name, 0)
		if len(findings) > 0 {
			t.Errorf("%s: %v", name, findings)
			continue
		}
		if n.Year != year || len(n.Holidays) != 7 && !(year == 2025 && len(n.Holidays) == 6) {
			t.Errorf("%s: year %d, %d holidays", name, n.Year, len(n.Holidays))
		}
		if got, want := n.Schedule(), shippedYear(t, year); got != want {
			t.Errorf("%s: imported\n%s\nbuilt in\n%s", name, got, want)
		}
	}
}

func TestNoticeCrossYearNewYearAndOneDayTerms(t *testing.T) {
	src := "国务院办公厅关于2023年部分节假日安排的通知\n" +
		"一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n" +
		"二、清明节：4月5日放假，共1天。\n" +
		"三、端午节：6月20日放假，6月22日（星期一）补休。\n" +
		"四、春节：12月30日至1月1日放假，共3天。12月29日（周六）上班。\n"
	n, findings := ParseNotice(src, "n.txt", 0)
	if len(findings) > 0 {
		t.Fatal(findings)
	}
	want := "2023:\n  off:  [2022-12-31..2023-01-02, 2023-04-05, 2023-06-20, 2023-06-22, 2023-12-30..2024-01-01]\n  work: [2023-12-29]\n"
	if got := n.Schedule(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSetScheduleYearReplacesOnlyThatYear(t *testing.T) {
	src := "# ours\n2026:\n  off: [2026-01-01]\n  work: []\n# next\n2028:\n  off: [2028-01-01]\n"
	got := string(SetScheduleYear([]byte(src), 2027, "2027:\n  off:  [2027-01-01]\n  work: []\n"))
	want := "# ours\n2026:\n  off: [2026-01-01]\n  work: []\n# next\n2027:\n  off:  [2027-01-01]\n  work: []\n2028:\n  off: [2028-01-01]\n"
	if got != want {
		t.Errorf("insert: got\n%s", got)
	}
	got = string(SetScheduleYear([]byte(want), 2027, "2027:\n  off:  [2027-01-02]\n  work: []\n"))
	if want := strings.Replace(want, "2027-01-01", "2027-01-02", 1); got != want {
		t.Errorf("replace: got\n%s", got)
	}
	if got := string(SetScheduleYear(nil, 2027, "2027:\n")); got != "2027:\n" {
		t.Errorf("empty: got %q", got)
	}
}

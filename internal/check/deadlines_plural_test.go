package check

import (
	"testing"

	"gongkai/internal/msg"
)

// TestDaysAgreeWithTheirCount: English says "1 working day" and "2 days";
// Chinese has one form.
func TestDaysAgreeWithTheirCount(t *testing.T) {
	defer msg.SetLang(msg.ZH)
	for _, c := range []struct {
		lang    msg.Lang
		n       int
		working bool
		want    string
	}{
		{msg.EN, 1, true, "1 working day"}, {msg.EN, 2, true, "2 working days"},
		{msg.EN, 1, false, "1 day"}, {msg.EN, 0, false, "0 days"},
		{msg.ZH, 1, true, "1个工作日"}, {msg.ZH, 3, false, "3天"},
	} {
		msg.SetLang(c.lang)
		if got := days(c.n, c.working); got != c.want {
			t.Errorf("days(%d, %v) in %v = %q, want %q", c.n, c.working, c.lang, got, c.want)
		}
	}
}

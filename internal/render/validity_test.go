package render_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"
)

func TestARepealDatedLaterShowsFromItsDateOnly(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar") // old-rule.md: 已废止 from 2025-02-12
	for _, c := range []struct {
		now      time.Time
		repealed bool
	}{
		{time.Date(2025, 2, 11, 12, 0, 0, 0, in.Config.Location), false},
		{time.Date(2025, 2, 12, 0, 0, 0, 0, in.Config.Location), true},
		{now, true},
	} {
		in.Now = c.now
		site := mustRender(t, in)
		page, err := fs.ReadFile(site, "2024/old-rule/index.html")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(page), "已废止"); got != c.repealed {
			t.Errorf("built as of %s: the page says 已废止 %v, want %v", c.now.Format(time.DateOnly), got, c.repealed)
		}
	}
}

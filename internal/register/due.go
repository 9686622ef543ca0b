package register

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gongkai/internal/msg"
)

var (
	msgDueHeading = msg.New("register.due_heading",
		"申请即将到期（%d 件）：",
		"requests due soon (%d):")
	msgDueOverdue = msg.New("register.due_overdue",
		"  %s  %s（%s）  答复期限 %s，已逾期 %d 个工作日  %s\n",
		"  %s  %s (%s)  due %s, %d working {day|days} overdue  %s\n")
	msgDueLeft = msg.New("register.due_left",
		"  %s  %s（%s）  答复期限 %s，还剩 %d 个工作日  %s\n",
		"  %s  %s (%s)  due %s, %d working {day|days} left  %s\n")
)

func sortDue(d []Due) {
	slices.SortFunc(d, func(a, b Due) int {
		if c := a.Deadline.Compare(b.Deadline); c != 0 {
			return c
		}
		return strings.Compare(a.Request.Path, b.Request.Path)
	})
}

// WriteDue prints the 申请即将到期 section of gongkai status: nothing when
// no request is due soon.
func WriteDue(w io.Writer, due []Due) {
	if len(due) == 0 {
		return
	}
	fmt.Fprintln(w, msgDueHeading.F(len(due)))
	for _, d := range due {
		r := d.Request
		m, n := msgDueLeft, d.Left
		if n < 0 {
			m, n = msgDueOverdue, -n
		}
		fmt.Fprint(w, m.F(r.Received.Format(time.DateOnly), r.Request, r.Applicant.Type, d.Deadline.Format(time.DateOnly), n, r.Path))
	}
	fmt.Fprintln(w)
}

// DueJSON is a request due soon as gongkai status --format json prints it;
// like the text, it names the applicant's type, never the applicant.
type DueJSON struct {
	Path          string `json:"path"`
	Received      string `json:"received"`
	Request       string `json:"request"`
	ApplicantType string `json:"applicant_type"`
	Deadline      string `json:"deadline"`
	// WorkdaysLeft is negative when the deadline has passed.
	WorkdaysLeft int `json:"workdays_left"`
}

// DueList returns the requests due soon for JSON (an empty list, not nil).
func DueList(due []Due) []DueJSON {
	out := []DueJSON{}
	for _, d := range due {
		r := d.Request
		out = append(out, DueJSON{r.Path, r.Received.Format(time.DateOnly), r.Request, string(r.Applicant.Type), d.Deadline.Format(time.DateOnly), d.Left})
	}
	return out
}

package article

import "time"

// ValidityAt returns the article's 有效性 as of now: nil when none is set;
// 有效 while a change is dated later (a 规范性文件 repealed from 2027-06-01
// is in force until then, and the site says so until that day); else the
// validity as written. A change without a date counts at once.
func (a *Article) ValidityAt(now time.Time) *Validity {
	v := a.FM.Validity
	if v == nil || v.At.IsZero() || !v.At.After(now) {
		return v
	}
	return &Validity{Status: Valid}
}

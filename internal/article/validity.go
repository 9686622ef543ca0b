package article

import "time"

// ValidityAt returns the article's 有效性 as of now: nil when none is set,
// or when the change is dated later (a 规范性文件 repealed from 2027-06-01 is
// in force until then, and the site says nothing of it before that day).
// A change without a date counts at once.
func (a *Article) ValidityAt(now time.Time) *Validity {
	v := a.FM.Validity
	if v == nil || !v.At.IsZero() && v.At.After(now) {
		return nil
	}
	return v
}

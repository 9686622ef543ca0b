package render

import "gongkai/internal/article"

// SetTestNeed sets testNeed for one test; the function it returns puts it
// back.
func SetTestNeed(f func(a *article.Article, need bool) bool) (restore func()) {
	testNeed = f
	return func() { testNeed = nil }
}

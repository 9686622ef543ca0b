package render

import "gongkai/internal/article"

// SetTestNeed sets testNeed for one test; the function it returns puts it
// back.
func SetTestNeed(f func(a *article.Article, need bool) bool) (restore func()) {
	testNeed = f
	return func() { testNeed = nil }
}

// IndexFiles is what a store gives the search index to read the previous
// build's index files with (PageStore.indexFiles).
func IndexFiles(st *PageStore, previous func(path string) ([]byte, bool)) func(path string) ([]byte, bool) {
	return st.indexFiles(previous)
}

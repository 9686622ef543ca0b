package render

import (
	"bytes"

	"gongkai/internal/article"
)

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

// SetTestFast sets testFast for one test; the function it returns puts it
// back.
func SetTestFast(f func(name string, fast []byte, slow func(w *bytes.Buffer) error)) (restore func()) {
	testFast = f
	return func() { testFast = nil }
}

// WithoutFastExec makes the themes parsed until restore is called execute
// with html/template only.
func WithoutFastExec() (restore func()) {
	testNoFast = true
	return func() { testNoFast = false }
}

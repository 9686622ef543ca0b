package render_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/render"
)

// BenchmarkRerenderAfterOneEdit measures what serve does after one saved
// article: the corpus is rendered once, then each iteration changes one
// article's body (a new *article.Article, as serve's reload makes) and
// renders again with the same Renderer and a new live-reload script, as
// serve does. GONGKAI_CORPUS names the repository of a corpus written by
// bench/gencorpus.go; the articles eligible today are public.
func BenchmarkRerenderAfterOneEdit(b *testing.B) {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		b.Skip("GONGKAI_CORPUS is not set")
	}
	in := inputFor(b, os.DirFS(dir))
	in.Now = time.Now()
	in.Public = map[*article.Article]bool{}
	for _, a := range in.Articles {
		if a.Eligible(in.Config, in.Now) {
			in.Public[a] = true
		}
	}
	r := render.NewRenderer()
	if _, err := r.Render(in); err != nil {
		b.Fatal(err)
	}
	edited := editable(b, in)
	orig := in.Articles[edited]
	n := 0
	for b.Loop() {
		n++
		a := *orig
		a.Body = append(bytes.Clone(orig.Body), fmt.Sprintf("\n\n第%d次修改。\n", n)...)
		in.Articles[edited] = &a
		in.Public[&a] = true
		if _, err := r.Render(in); err != nil {
			b.Fatal(err)
		}
		delete(in.Public, &a)
	}
}

// editable returns the index of a public article with a body.
func editable(b *testing.B, in render.Input) int {
	for i, a := range in.Articles {
		if in.Public[a] && len(a.Body) > 0 && a.FM.Withdrawn == nil {
			return i
		}
	}
	b.Fatal("no public article to edit")
	return 0
}

package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"reflect"
	"testing"
)

// fill sets every field reachable from v to a value of its own: strings
// and numbers from a counter, pointers to new values, slices to one
// element.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(*n%2 == 0)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	}
}

// change makes the node numbered *n (in field order) of v different, the
// c-th way its kind has, and reports whether it did; *path names the node.
func change(v reflect.Value, n *int, c int, path *string) bool {
	if *n == 0 {
		switch k := v.Kind(); {
		case c == 0 && k == reflect.String:
			v.SetString(v.String() + "x")
		case c == 0 && k == reflect.Int:
			v.SetInt(v.Int() + 1)
		case c == 0 && k == reflect.Bool:
			v.SetBool(!v.Bool())
		case c == 0 && (k == reflect.Pointer || k == reflect.Slice):
			v.Set(reflect.Zero(v.Type())) // nil
		case c == 1 && k == reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty, not nil
		case c == 2 && k == reflect.Slice:
			more := reflect.New(v.Type().Elem()).Elem()
			fill(more, new(int))
			v.Set(reflect.Append(v, more))
		default:
			return false
		}
		*n = -1
		return true
	}
	*n--
	switch v.Kind() {
	case reflect.Pointer:
		return change(v.Elem(), n, c, path)
	case reflect.Slice:
		for i := range v.Len() {
			if *n >= 0 && change(v.Index(i), n, c, path) {
				*path = fmt.Sprintf("[%d]%s", i, *path)
				return true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if *n >= 0 && change(v.Field(i), n, c, path) {
				*path = "." + v.Type().Field(i).Name + *path
				return true
			}
		}
	}
	return false
}

var changeNames = [...]string{"value or nil", "empty slice", "one more element"}

// nodes counts the values reachable from v, v included, in field order.
func nodes(v reflect.Value) int {
	n := 1
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			n += nodes(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			n += nodes(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			n += nodes(v.Field(i))
		}
	}
	return n
}

// everyChangeChangesTheKey changes each node of a filled T, each way its
// kind has, and checks that key tells the result from the unchanged value.
func everyChangeChangesTheKey[T any](t *testing.T, key func(*T) [32]byte) {
	t.Helper()
	filled := func() *T {
		v := new(T)
		fill(reflect.ValueOf(v).Elem(), new(int))
		return v
	}
	base := key(filled())
	total, changes := nodes(reflect.ValueOf(filled()).Elem()), 0
	for node := range total {
		for c := range 3 {
			v, n, path := filled(), node, ""
			if !change(reflect.ValueOf(v).Elem(), &n, c, &path) {
				continue
			}
			changes++
			if key(v) == base {
				t.Errorf("%T%s, change %d (%s): the key did not change", v, path, c, changeNames[c])
			}
		}
	}
	if changes < total/2 {
		t.Errorf("%d changes tried over %d nodes", changes, total)
	}
}

// TestPageKeySeesEveryField changes every field the page templates can
// reach, at every depth, and checks that the page key changes.
func TestPageKeySeesEveryField(t *testing.T) {
	j := &job{}
	everyChangeChangesTheKey(t, func(p *Page) [32]byte { return j.pageKey("article.html", p, nil) })
}

// TestPageKeyUsesTheSiteAndBodyDigests: the site info and the article
// body enter the key by their digests, and the key is the same whether the
// body's digest is given (a body rendered now, or its facts) or computed
// from the view.
func TestPageKeyUsesTheSiteAndBodyDigests(t *testing.T) {
	p := new(Page)
	fill(reflect.ValueOf(p).Elem(), new(int))
	body := &cachedBody{html: string(p.Article.Body), sum: sha256.Sum256([]byte(p.Article.Body))}
	j := &job{siteInfo: p.Site, siteSum: [32]byte{1}}
	keys := map[[32]byte]string{}
	add := func(what string, k [32]byte) {
		if other, ok := keys[k]; ok {
			t.Errorf("%s has the key of %s", what, other)
		}
		keys[k] = what
	}
	k := j.pageKey("article.html", p, bodySum(p.Article, body))
	add("the page", k)
	if got := j.pageKey("article.html", p, nil); got != k {
		t.Errorf("the key computed from the view's body is not the key from the body's digest")
	}
	facts := &bodyFacts{html: body.sum}
	q := *p
	a := *p.Article
	a.Body = "" // not rendered: the facts stand for it
	q.Article = &a
	if got := j.pageKey("article.html", &q, &facts.html); got != k {
		t.Errorf("the key from the body facts is not the key of the rendered body")
	}
	add("another template", j.pageKey("list.html", p, &body.sum))
	other := body.sum
	other[0]++
	add("another body digest", j.pageKey("article.html", p, &other))
	j2 := &job{siteInfo: p.Site, siteSum: [32]byte{2}}
	add("another site digest", j2.pageKey("article.html", p, &body.sum))
	j3 := &job{siteInfo: p.Site, siteSum: j.siteSum, tmplKey: [32]byte{3}}
	add("another theme", j3.pageKey("article.html", p, &body.sum))
	p.Article.Body += "x" // no longer the cached body: its own digest is in the key
	if bodySum(p.Article, body) != nil {
		t.Errorf("bodySum gives the cached body's digest for another body")
	}
	add("a body that is not the cached one", j.pageKey("article.html", p, bodySum(p.Article, body)))
}

// TestXMLKeySeesEveryField does for the feeds and the sitemap what
// TestPageKeySeesEveryField does for pages.
func TestXMLKeySeesEveryField(t *testing.T) {
	xmlKey := func(v any) [32]byte { return sha256.Sum256(appendValue(nil, reflect.ValueOf(v))) }
	everyChangeChangesTheKey(t, func(v *rss) [32]byte { return xmlKey(*v) })
	everyChangeChangesTheKey(t, func(v *urlset) [32]byte { return xmlKey(*v) })
}

func TestSiteDigestSeesEveryField(t *testing.T) {
	everyChangeChangesTheKey(t, func(s *SiteInfo) [32]byte {
		var b keyBuf
		b.site(s)
		return sha256.Sum256(b)
	})
	var a, b keyBuf
	a.site(&SiteInfo{Footer: nil})
	b.site(&SiteInfo{Footer: []string{}})
	if bytes.Equal(a, b) {
		t.Errorf("a nil footer encodes as an empty one")
	}
}

package codec

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/diag"
)

var site = time.FixedZone("CST", 8*3600)

// fill sets every field reachable from v to a value of its own: strings
// and numbers from a counter, pointers to new values, slices to one
// element, maps to one entry; times alternate between the site's zone,
// UTC and a fixed offset. It fails on a kind it does not know, so that a
// field of a new kind is not silently left zero.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		locs := []*time.Location{site, time.UTC, time.FixedZone("", -5*3600)}
		v.Set(reflect.ValueOf(time.Unix(int64(*n)*86400+int64(*n), int64(*n)).In(locs[*n%3])))
		return
	case v.Type() == reflect.TypeFor[article.KeyPositions]():
		return // written by Set, see fillArticle
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Uint8:
		v.SetUint(uint64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(t, v.Index(0), n)
		fill(t, v.Index(1), n)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			k := reflect.New(v.Type().Key()).Elem()
			fill(t, k, n)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(t, e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				t.Fatalf("%s has unexported field %s: teach fill and the codec", v.Type(), v.Type().Field(i).Name)
			}
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fill: kind %s of %s", v.Kind(), v.Type())
	}
}

func fillArticle(t *testing.T) *article.Article {
	a := &article.Article{}
	n := 0
	fill(t, reflect.ValueOf(a).Elem(), &n)
	a.Src, a.Body = nil, nil // never stored
	a.Keys = article.KeyPositions{}
	a.Keys.Set("title", 2, 1)
	a.Keys.Set("review.content.by", 9, 14)
	a.Keys.Set("adoptions.0", 12, 3)
	return a
}

// TestArticleSeesEveryField: an article with every field set (and every
// field of the types it holds) decodes deeply equal to itself, but for
// its text; a field added to article.Article or a type it holds and not
// to the codec comes back zero and fails this.
func TestArticleSeesEveryField(t *testing.T) {
	// KeyPositions is filled by hand; its shape is checked here.
	if typ := reflect.TypeFor[article.KeyPositions](); typ.NumField() != 1 || typ.Field(0).Type.Elem().NumField() != 3 {
		t.Fatalf("article.KeyPositions changed shape: teach the codec")
	}
	for _, nilAll := range []bool{false, true} {
		a := fillArticle(t)
		if nilAll {
			a.FM = article.FrontMatter{Authors: []string{}, Review: map[string]*article.Step{"x": nil}}
		} else {
			a.FM.Event.Date.Time = a.FM.Event.Date.In(site)
		}
		e := &Encoder{}
		keys := NewKeys([]string{"title", "other"})
		e.Article(a, site, keys)
		if keys.Len() != 4 {
			t.Errorf("%d keys numbered, want 4: %v", keys.Len(), keys.List())
		}
		d := &Decoder{S: string(e.B), Loc: site}
		got := d.Article(keys.List())
		if d.Err() != nil || d.S != "" {
			t.Fatalf("decode: %v, %d bytes left", d.Err(), len(d.S))
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
		}
		if got.FM.Event != nil && got.FM.Event.Date.Location() != site {
			t.Errorf("a time in the site's zone came back in %v", got.FM.Event.Date.Location())
		}
	}
}

// TestFindingSeesEveryField: a list of findings with every field set
// decodes deeply equal; nil and empty lists stay what they were.
func TestFindingSeesEveryField(t *testing.T) {
	var l diag.List
	n := 0
	fill(t, reflect.ValueOf(&l).Elem(), &n)
	for _, want := range []diag.List{l, nil, {}} {
		e := &Encoder{}
		e.Findings(want)
		d := &Decoder{S: string(e.B)}
		if got := d.Findings(); d.Err() != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("round trip: got %#v (%v), want %#v", got, d.Err(), want)
		}
	}
}

// TestBadInputFailsWithoutPanic: every prefix of a record, and the
// record with each byte changed, decodes without panicking; a prefix
// fails.
func TestBadInputFailsWithoutPanic(t *testing.T) {
	e := &Encoder{}
	keys := NewKeys(nil)
	e.Article(fillArticle(t), site, keys)
	for i := range len(e.B) {
		d := &Decoder{S: string(e.B[:i]), Loc: site}
		d.Article(keys.List())
		if d.Err() == nil {
			t.Fatalf("a record cut at %d of %d bytes decoded", i, len(e.B))
		}
		b := []byte(string(e.B))
		b[i] ^= 0xff
		d = &Decoder{S: string(b), Loc: site}
		d.Article(keys.List()[:1])
	}
}

func TestVarints(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 63, -64, 64, 1 << 40, -(1 << 62), 1<<63 - 1, -1 << 63} {
		e := &Encoder{}
		e.Int(n)
		e.Uint(uint64(n))
		d := &Decoder{S: string(e.B)}
		if got, u := d.Int(), d.Uint(); got != n || u != uint64(n) || d.Err() != nil {
			t.Errorf("%d: got %d, %d (%v)", n, got, u, d.Err())
		}
	}
}

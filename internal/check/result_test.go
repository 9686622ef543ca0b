package check

import (
	"reflect"
	"testing"

	"gongkai/internal/codec"
	"gongkai/internal/diag"
)

// TestResultSeesEveryField: a Result with every field set decodes deeply
// equal to itself, and the types it holds have the fields the codec
// writes: a field added to articleResult, articleLink or unknownYear
// fails this until Encode and DecodeResult write it.
func TestResultSeesEveryField(t *testing.T) {
	for typ, fields := range map[reflect.Type][]string{
		reflect.TypeFor[Result]():        {"res", "Read"},
		reflect.TypeFor[articleResult](): {"findings", "links", "unknown"},
		reflect.TypeFor[articleLink]():   {"target", "dest", "at", "interprets"},
		reflect.TypeFor[unknownYear]():   {"at", "id", "articles"},
	} {
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if !reflect.DeepEqual(got, fields) {
			t.Errorf("%s has fields %v, the codec writes %v", typ, got, fields)
		}
	}
	pos := func(n int) diag.Pos { return diag.Pos{Path: "content/a.md", Line: n, Col: n + 1} }
	full := &Result{
		res: &articleResult{
			findings: diag.List{{Pos: pos(1), Severity: diag.Warning, ID: "GK020", Msg: "迟了", Related: []string{"content/b.md"}}},
			links:    []articleLink{{target: "content/b.md", dest: "../b/", at: pos(2), interprets: true}, {target: "content/c.md", dest: "c.md", at: pos(3)}},
			unknown:  map[int]unknownYear{2031: {at: pos(4), id: "GK020", articles: 2}, 2032: {at: pos(5), id: "GK021", articles: 1}},
		},
		Read: []string{"content/a", "content/a/议程.pdf"},
	}
	for _, want := range []*Result{full, {res: &articleResult{}}} {
		e := &codec.Encoder{}
		want.Encode(e)
		d := &codec.Decoder{S: string(e.B)}
		got := DecodeResult(d)
		if d.Err() != nil || d.S != "" || !reflect.DeepEqual(got, want) {
			t.Errorf("round trip (%v):\n got %+v\nwant %+v", d.Err(), got.res, want.res)
		}
	}
}

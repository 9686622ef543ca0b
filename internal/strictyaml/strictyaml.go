// Package strictyaml decodes a yaml.v3 node tree into typed Go structs the way
// gongkai's users need it: every unknown key is an error with a "did you mean"
// suggestion, every type mismatch names the key and its position, every problem
// is collected (decoding goes on), and the position of every key is recorded.
//
// yaml.v3 cannot reject unknown keys when decoding a Node, and its type errors
// carry lines relative to the document; this decoder keeps both honest.
//
// Struct fields are matched by their `yaml:"name"` tag; fields tagged "-" or
// without a tag are skipped. Supported field types: string, bool, int, float64,
// []T, *T, structs, map[string]T, and any type implementing NodeDecoder.
package strictyaml

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	"gongkai/internal/msg"
)

var (
	msgTooLarge = msg.New("strictyaml.too_large",
		"文档展开后超过 %d 个值（是否用了别名 *x？），请简化",
		"the document expands to more than %d values (aliases?); simplify it")
	msgValue       = msg.New("strictyaml.value", "%s：%v", "%s: %v")
	msgMustBe      = msg.New("strictyaml.must_be", "%s 应为%s，而不是%s", "%s must be %s, not %s")
	msgWantText    = msg.New("strictyaml.want_text", "文字", "text")
	msgWantBool    = msg.New("strictyaml.want_bool", " true 或 false", "true or false")
	msgWantInt     = msg.New("strictyaml.want_int", "整数", "a whole number")
	msgWantNumber  = msg.New("strictyaml.want_number", "数字", "a number")
	msgWantList    = msg.New("strictyaml.want_list", "列表", "a list")
	msgWantMapping = msg.New("strictyaml.want_mapping", "键值对（key: 值）", "a mapping of keys")
	msgTheDocument = msg.New("strictyaml.the_document", "整个文档", "the document")
	msgAMapping    = msg.New("strictyaml.a_mapping", "键值对", "a mapping")
	msgAList       = msg.New("strictyaml.a_list", "列表", "a list")
	msgQuoted      = msg.New("strictyaml.quoted", "“%s”", "%q")
	msgUnknownKey  = msg.New("strictyaml.unknown_key",
		"未知的键“%s”%s；请检查拼写，gongkai 不认识的键不会生效",
		"unknown key %q%s")
	msgKeyTwice = msg.New("strictyaml.key_twice",
		"键“%s”重复出现：同一个键只能写一次，请删除其中一处",
		"key %q appears twice: write each key once and delete the other")
	msgDidYouMean = msg.New("strictyaml.did_you_mean", "（是否应为“%s”？）", " (did you mean %q?)")
)

// NodeDecoder is implemented by types that decode themselves from a scalar or
// other node (dates, enumerations with aliases).
type NodeDecoder interface {
	DecodeNode(n *yaml.Node, d *Decoder) error
}

// Problem is one decoding problem at a node's position (yaml.v3 line and
// column: 1-based, column counted in characters).
type Problem struct {
	Line, Col int
	Kind      ProblemKind
	Msg       string
	// Err is the error a NodeDecoder returned, for Value problems.
	Err error
}

// ProblemKind says what went wrong.
type ProblemKind int

const (
	// Unknown is a key the target type does not have.
	Unknown ProblemKind = iota
	// Type is a value of the wrong shape.
	Type
	// Value is a value of the right shape that its type rejects.
	Value
)

// Decoder decodes nodes and collects problems and key positions.
type Decoder struct {
	// Context is free for NodeDecoders (gongkai passes the time zone).
	Context any
	// Keys maps a dotted key path ("review.signoff.by", "adoptions.0.level")
	// to the position of its key (for list items, of the item).
	Keys map[string][2]int
	// OnKey, when not nil, receives each key's path and position instead
	// of Keys (the paths are interned: the same text is one string).
	OnKey func(path string, line, col int)
	// Values, when not nil, is filled like Keys with the position of each
	// value (a scalar, or the first token of a mapping or list).
	Values   map[string][2]int
	Problems []Problem
	// budget bounds the nodes visited, so that aliases (*x) cannot make a
	// small document expand without end.
	budget int
}

// maxNodes is the most nodes one document may expand to.
const maxNodes = 100000

// NewDecoder returns a decoder with the given context.
func NewDecoder(ctx any) *Decoder {
	return &Decoder{Context: ctx, Keys: map[string][2]int{}, budget: maxNodes}
}

// Decode decodes n into the value v points to.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	rv := reflect.ValueOf(v).Elem()
	d.decode(n, rv, "", planOf(rv.Type()))
}

// Problemf records a problem at n.
func (d *Decoder) Problemf(n *yaml.Node, kind ProblemKind, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Line: n.Line, Col: n.Column, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

var nodeDecoderType = reflect.TypeOf((*NodeDecoder)(nil)).Elem()

// A plan is what decoding a value of a type needs to know of the type,
// worked out once per type (planOf) instead of at every value: whether
// it decodes itself, its kind, its element's plan and a struct's fields.
type plan struct {
	typ  reflect.Type
	kind reflect.Kind
	// self: *T implements NodeDecoder.
	self bool
	// elem is the plan of a pointer's, slice's or map's element.
	elem *plan
	// fields is a struct's fields, with the plan of each (fieldPlans,
	// by field index).
	fields     *structFields
	fieldPlans []*plan
}

// plans holds the plan of each type decoded, complete; plansMu is held
// while plans are made, so that a type that holds itself (through a
// pointer, a slice or a map) is planned once.
var (
	plans   sync.Map // reflect.Type → *plan
	plansMu sync.Mutex
)

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	plansMu.Lock()
	defer plansMu.Unlock()
	making := map[reflect.Type]*plan{}
	p := makePlan(t, making)
	for t, q := range making {
		plans.Store(t, q)
	}
	return p
}

// makePlan makes the plan of t and of every type under it not planned
// yet, each recorded in making.
func makePlan(t reflect.Type, making map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p := making[t]; p != nil {
		return p
	}
	p := &plan{typ: t, kind: t.Kind(), self: reflect.PointerTo(t).Implements(nodeDecoderType)}
	making[t] = p
	switch p.kind {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		p.elem = makePlan(t.Elem(), making)
	case reflect.Struct:
		p.fields = fieldsOf(t)
		p.fieldPlans = make([]*plan, t.NumField())
		for _, i := range p.fields.index {
			p.fieldPlans[i] = makePlan(t.Field(i).Type, making)
		}
	}
	return p
}

// IsNull reports whether n is an explicit or empty null.
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// decode decodes n into v, of the type pl plans.
func (d *Decoder) decode(n *yaml.Node, v reflect.Value, path string, pl *plan) {
	if d.budget--; d.budget == 0 {
		d.Problemf(n, Value, msgTooLarge.T(), maxNodes)
	}
	if d.budget <= 0 {
		return
	}
	if d.Values != nil {
		d.Values[path] = [2]int{n.Line, n.Column}
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if IsNull(n) {
		return // absent; the zero value stays
	}
	if pl.self && v.CanAddr() {
		if err := v.Addr().Interface().(NodeDecoder).DecodeNode(n, d); err != nil {
			d.Problemf(n, Value, msgValue.T(), label(path), err)
			d.Problems[len(d.Problems)-1].Err = err
		}
		return
	}
	switch pl.kind {
	case reflect.Pointer:
		nv := reflect.New(pl.elem.typ)
		d.decode(n, nv.Elem(), path, pl.elem)
		v.Set(nv)
	case reflect.Struct:
		d.decodeStruct(n, v, path, pl)
	case reflect.Slice:
		d.decodeSlice(n, v, path, pl)
	case reflect.Map:
		d.decodeMap(n, v, path, pl)
	case reflect.String:
		if d.scalar(n, path, msgWantText) {
			v.SetString(keep(n.Value))
		}
	case reflect.Bool:
		if !d.scalar(n, path, msgWantBool) {
			return
		}
		b, err := strconv.ParseBool(n.Value)
		if err != nil || n.Tag != "!!bool" {
			d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantBool.F(), quote(n.Value))
			return
		}
		v.SetBool(b)
	case reflect.Int:
		if !d.scalar(n, path, msgWantInt) {
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantInt.F(), quote(n.Value))
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		if !d.scalar(n, path, msgWantNumber) {
			return
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantNumber.F(), quote(n.Value))
			return
		}
		v.SetFloat(f)
	default:
		panic("strictyaml: unsupported type " + v.Type().String())
	}
}

func label(path string) string {
	if path == "" {
		return msgTheDocument.F()
	}
	return path
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return msgAMapping.F()
	case yaml.SequenceNode:
		return msgAList.F()
	}
	return quote(n.Value)
}

// quote writes a value as the reader's language quotes it: “公开” or "公开".
func quote(s string) string { return msgQuoted.F(s) }

// scalar reports whether n is a scalar, recording a problem when it is
// not (want says what it should be; it is only formatted then).
func (d *Decoder) scalar(n *yaml.Node, path string, want msg.M) bool {
	if n.Kind != yaml.ScalarNode {
		d.Problemf(n, Type, msgMustBe.T(), label(path), want.F(), describe(n))
		return false
	}
	return true
}

// key records the position of the key at path.
func (d *Decoder) key(path string, n *yaml.Node) {
	if d.OnKey != nil {
		d.OnKey(path, n.Line, n.Column)
		return
	}
	d.Keys[path] = [2]int{n.Line, n.Column}
}

// join returns path.key, interned: a document's key paths are mostly the
// same few hundred texts ("review.content.by"), which every loaded
// document keeps.
func join(path, key string) string {
	if path == "" {
		return paths.intern(key)
	}
	var buf [64]byte
	b := append(append(append(buf[:0], path...), '.'), key...)
	return paths.internBytes(b)
}

// keep returns a string value to store in the decoded document: a short
// one interned (names, departments, categories repeat across documents), a
// longer one copied, so that what is kept never holds on to the text the
// node's value was cut from.
func keep(s string) string {
	if len(s) <= maxShortValue {
		return values.intern(s)
	}
	return strings.Clone(s)
}

// maxShortValue is the longest value keep interns (six Chinese characters).
const maxShortValue = 18

// internTable holds one copy of each text, up to maxInterned of them (a
// document may hold anything). Looking a text up takes no lock and
// writes nothing shared: the loader's workers all look up the same few
// hundred texts. The texts are in seen, published whole, and those found
// since in added, under mu; added is published into seen once it is as
// large as a quarter of seen, or looked up often enough, so that copying
// seen costs little for each text.
type internTable struct {
	seen  atomic.Pointer[map[string]string]
	mu    sync.Mutex
	added map[string]string
	// hits counts the lookups that found their text in added.
	hits, size int
}

const maxInterned = 4096

// paths holds key paths, values short string values.
var paths, values internTable

func (t *internTable) intern(s string) string {
	if m := t.seen.Load(); m != nil {
		if u, ok := (*m)[s]; ok {
			return u
		}
	}
	return t.store(s)
}

func (t *internTable) internBytes(b []byte) string {
	if m := t.seen.Load(); m != nil {
		if u, ok := (*m)[string(b)]; ok {
			return u
		}
	}
	return t.store(string(b))
}

func (t *internTable) store(s string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if u, ok := t.added[s]; ok {
		t.hits++
		t.publish()
		return u
	}
	if m := t.seen.Load(); m != nil {
		if u, ok := (*m)[s]; ok { // published since the lookup
			return u
		}
	}
	s = strings.Clone(s) // s may be cut from a longer text
	if t.size < maxInterned {
		if t.added == nil {
			t.added = map[string]string{}
		}
		t.added[s] = s
		t.size++
		t.publish()
	}
	return s
}

// publish makes seen hold added too, when it is time to (see internTable).
func (t *internTable) publish() {
	var seen map[string]string
	if m := t.seen.Load(); m != nil {
		seen = *m
	}
	if len(t.added) < len(seen)/4 && t.hits < 64 && t.size < maxInterned {
		return
	}
	next := make(map[string]string, len(seen)+len(t.added))
	for k, v := range seen {
		next[k] = v
	}
	for k, v := range t.added {
		next[k] = v
	}
	t.seen.Store(&next)
	t.added, t.hits = nil, 0
}

// Fields returns the yaml names of a struct type's tagged fields, in order.
func Fields(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if name := tagName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func tagName(f reflect.StructField) string {
	tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
	if tag == "-" {
		return ""
	}
	return tag
}

// structFields is a struct type's tagged fields: each yaml name's field
// index, and the names in order (Fields).
type structFields struct {
	index map[string]int
	names []string
}

// fieldCache holds structFields per struct type, computed once: decoding
// looks every key up in it instead of walking the type's fields.
var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{index: map[string]int{}, names: Fields(t)}
	for i := 0; i < t.NumField(); i++ {
		if name := tagName(t.Field(i)); name != "" {
			f.index[name] = i
		}
	}
	actual, _ := fieldCache.LoadOrStore(t, f)
	return actual.(*structFields)
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string, pl *plan) {
	if n.Kind != yaml.MappingNode {
		d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantMapping.F(), describe(n))
		return
	}
	fields := pl.fields
	var seen uint64 // bit i: field i decoded (structs of more than 64 fields use seenMore)
	var seenMore map[int]bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		p := join(path, k.Value)
		fi, ok := fields.index[k.Value]
		if !ok {
			d.Problemf(k, Unknown, msgUnknownKey.T(), p, Suggest(k.Value, fields.names))
			continue
		}
		if fi < 64 {
			if seen&(1<<fi) != 0 {
				d.Problemf(k, Value, msgKeyTwice.T(), p)
				continue
			}
			seen |= 1 << fi
		} else {
			if seenMore[fi] {
				d.Problemf(k, Value, msgKeyTwice.T(), p)
				continue
			}
			if seenMore == nil {
				seenMore = map[int]bool{}
			}
			seenMore[fi] = true
		}
		d.key(p, k)
		d.decode(val, v.Field(fi), p, pl.fieldPlans[fi])
	}
}

func (d *Decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string, pl *plan) {
	items := n.Content
	if n.Kind == yaml.ScalarNode {
		items = []*yaml.Node{n} // a single value where a list is expected: accept it
	} else if n.Kind != yaml.SequenceNode {
		d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantList.F(), describe(n))
		return
	}
	s := reflect.MakeSlice(pl.typ, len(items), len(items))
	for i, item := range items {
		p := join(path, strconv.Itoa(i))
		d.key(p, item)
		d.decode(item, s.Index(i), p, pl.elem)
	}
	v.Set(s)
}

func (d *Decoder) decodeMap(n *yaml.Node, v reflect.Value, path string, pl *plan) {
	if n.Kind != yaml.MappingNode {
		d.Problemf(n, Type, msgMustBe.T(), label(path), msgWantMapping.F(), describe(n))
		return
	}
	m := reflect.MakeMapWithSize(pl.typ, len(n.Content)/2)
	// One element decoded into after another: the map keeps a copy.
	ev := reflect.New(pl.elem.typ).Elem()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		p := join(path, k.Value)
		if m.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
			d.Problemf(k, Value, msgKeyTwice.T(), p)
			continue
		}
		d.key(p, k)
		ev.SetZero()
		d.decode(val, ev, p, pl.elem)
		m.SetMapIndex(reflect.ValueOf(keep(k.Value)), ev)
	}
	v.Set(m)
}

// Suggest returns `（是否应为“x”？）` (` (did you mean "x"?)`) for the closest of candidates to
// word, or "" when none is close.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 0
	cs := append([]string(nil), candidates...)
	sort.Strings(cs)
	for _, c := range cs {
		dist := editDistance(strings.ToLower(word), strings.ToLower(c))
		if best == "" || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	limit := len([]rune(word))/2 + 1
	if limit > 3 {
		limit = 3
	}
	if best == "" || bestDist > limit || !strings.ContainsAny(strings.ToLower(best), strings.ToLower(word)) {
		return "" // too far, or sharing no character (刘备 is not a typo of 吴十)
	}
	return msgDidYouMean.F(best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// SyntaxErrorLine returns the 1-based line of the first YAML syntax problem
// in src: the first line whose addition makes the text unparseable. yaml.v3
// reports the line where the enclosing block began (or one line early), which
// sends people to the wrong place. The search parses prefixes, halving the
// range each time (about a dozen parses, on the error path only); on a text
// over 256 KB it keeps yaml's own line. It returns 0 when src parses.
func SyntaxErrorLine(src []byte) int {
	var n yaml.Node
	err := yaml.Unmarshal(src, &n)
	if err == nil {
		return 0
	}
	hint := 1
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &hint); e != nil || hint < 1 {
		hint = 1
	}
	if len(src) > 256<<10 {
		return hint
	}
	var ends []int // ends[k] is the length of the first k+1 lines
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(src) {
		ends = append(ends, len(src))
	}
	lo, hi := 0, len(ends)-1 // the whole text (index hi) fails
	for lo < hi {
		mid := (lo + hi) / 2
		if yaml.Unmarshal(src[:ends[mid]], &n) != nil {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo + 1
}

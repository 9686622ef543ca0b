package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"sync"
)

// Executing what compileFast compiled: text/template's exec.go and
// funcs.go restated for fastExec (see fastSet).

// fastMaxDepth bounds the nesting of templates fastExec follows; deeper,
// html/template takes over (and reports the recursion, at its own limit).
const fastMaxDepth = 1000

// bailOut is fastExec's panic when it leaves the page to html/template.
type bailOut struct{}

type fvar struct {
	name string
	v    reflect.Value
}

type fstate struct {
	fs    *fastSet
	buf   *bytes.Buffer
	vars  []fvar
	base  int // vars[base] is the executing template's $
	depth int
}

var fstates = sync.Pool{New: func() any { return &fstate{vars: make([]fvar, 0, 32)} }}

// run executes t with data into buf; false when it left the page to
// html/template (what it wrote to buf is then to be dropped).
func (fs *fastSet) run(t *fastTmpl, buf *bytes.Buffer, data any) (ok bool) {
	v, isValue := data.(reflect.Value)
	if !isValue {
		v = reflect.ValueOf(data)
	}
	s := fstates.Get().(*fstate)
	s.fs, s.buf, s.vars, s.base, s.depth = fs, buf, append(s.vars[:0], fvar{"$", v}), 0, 0
	defer func() {
		if r := recover(); r != nil {
			if _, bail := r.(bailOut); !bail {
				panic(r)
			}
			ok = false
		}
		clear(s.vars[:cap(s.vars)])
		s.fs, s.buf, s.vars = nil, nil, s.vars[:0]
		fstates.Put(s)
	}()
	s.walk(v, t.list)
	return true
}

func bail() { panic(bailOut{}) }

func (s *fstate) walk(dot reflect.Value, list []fnode) {
	for i := range list {
		n := &list[i]
		switch n.kind {
		case fText:
			s.buf.Write(n.text)
		case fPrint:
			s.print(dot, n)
		case fDecl:
			s.evalPipe(dot, n.pipe)
		case fIf:
			s.ifOrWith(dot, n)
		case fRange:
			s.rangeOver(dot, n)
		case fTemplate:
			s.callTemplate(dot, n)
		}
	}
}

func (s *fstate) print(dot reflect.Value, n *fnode) {
	str, t := stringify(s.evalCmds(dot, n.pipe.cmds))
	for _, e := range n.esc {
		var ok bool
		if str, ok = e(str, t); !ok {
			bail()
		}
		t = contentPlain
	}
	s.buf.WriteString(str)
}

func (s *fstate) ifOrWith(dot reflect.Value, n *fnode) {
	mark := len(s.vars)
	val := s.evalPipe(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		bail()
	}
	switch {
	case truth && n.withDot:
		s.walk(val, n.list)
	case truth:
		s.walk(dot, n.list)
	default:
		s.walk(dot, n.elseList)
	}
	s.vars = s.vars[:mark]
}

func (s *fstate) rangeOver(dot reflect.Value, n *fnode) {
	mark := len(s.vars)
	val, _ := indirect(s.evalPipe(dot, n.pipe))
	inner := len(s.vars)
	decl := n.pipe.decl
	one := func(index func() reflect.Value, elem reflect.Value) {
		if len(decl) > 0 {
			switch {
			case n.pipe.isAssign && len(decl) > 1:
				s.setVar(decl[0], index())
			case n.pipe.isAssign:
				s.setVar(decl[0], elem)
			default:
				s.vars[len(s.vars)-1].v = elem
			}
		}
		if len(decl) > 1 {
			if n.pipe.isAssign {
				s.setVar(decl[1], elem)
			} else {
				s.vars[len(s.vars)-2].v = index()
			}
		}
		s.walk(elem, n.list)
		s.vars = s.vars[:inner]
	}
	ran := false
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		for i := 0; i < val.Len(); i++ {
			ran = true
			one(func() reflect.Value { return reflect.ValueOf(i) }, val.Index(i))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(decl) > 1 {
			bail()
		}
		for v := range val.Seq() {
			ran = true
			one(func() reflect.Value { return reflect.Value{} }, v)
		}
	case reflect.Invalid:
	default:
		bail()
	}
	if !ran {
		s.walk(dot, n.elseList)
	}
	s.vars = s.vars[:mark]
}

func (s *fstate) callTemplate(dot reflect.Value, n *fnode) {
	if s.depth == fastMaxDepth {
		bail()
	}
	dot = s.evalPipe(dot, n.pipe) // its variables persist
	base := s.base
	s.base = len(s.vars)
	s.vars = append(s.vars, fvar{"$", dot})
	s.depth++
	s.walk(dot, n.tmpl.list)
	s.depth--
	s.vars = s.vars[:s.base]
	s.base = base
}

func (s *fstate) evalPipe(dot reflect.Value, p *fpipe) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	v := s.evalCmds(dot, p.cmds)
	for _, name := range p.decl {
		if p.isAssign {
			s.setVar(name, v)
		} else {
			s.vars = append(s.vars, fvar{name, v})
		}
	}
	return v
}

func (s *fstate) evalCmds(dot reflect.Value, cmds []fcmd) reflect.Value {
	var v reflect.Value
	for i := range cmds {
		v = s.eval(dot, &cmds[i], v)
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	return v
}

// eval evaluates a command or an argument; final is the pipeline's
// previous value, for a call that takes it.
func (s *fstate) eval(dot reflect.Value, c *fcmd, final reflect.Value) reflect.Value {
	switch c.kind {
	case cField:
		return s.fieldChain(dot, c.fields)
	case cVar:
		return s.fieldChain(s.varValue(c.name), c.fields)
	case cDot:
		return dot
	case cConst:
		return c.val
	case cPipe:
		return s.evalPipe(dot, c.pipe)
	}
	return s.call(dot, c, final)
}

func (s *fstate) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].v
		}
	}
	bail()
	return reflect.Value{}
}

func (s *fstate) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].v = v
			return
		}
	}
	bail()
}

func (s *fstate) fieldChain(v reflect.Value, fields []*fieldRef) reflect.Value {
	for _, f := range fields {
		v = field(v, f)
	}
	return v
}

// field is text/template's evalField for a struct's exported field; it
// bails at anything else.
func field(recv reflect.Value, f *fieldRef) reflect.Value {
	if !recv.IsValid() {
		return reflect.Value{} // text/template's zero, without missingkey=error
	}
	v := recv
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			bail()
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		bail()
	}
	h := f.last.Load()
	if h == nil || h.t != v.Type() {
		if h = lookupField(v.Type(), f.name); h == nil {
			bail()
		}
		f.last.Store(h)
	}
	for i, x := range h.index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				bail()
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// fieldHits caches lookupField's answers by type and name.
var fieldHits sync.Map // fieldKey → *fieldHit (nil: not a plain field)

type fieldKey struct {
	t    reflect.Type
	name string
}

// lookupField returns where name is in struct type t when it is an
// exported field reached through exported fields only and no method of
// t or *t has its name (text/template calls a method first); else nil.
func lookupField(t reflect.Type, name string) *fieldHit {
	k := fieldKey{t, name}
	if h, ok := fieldHits.Load(k); ok {
		return h.(*fieldHit)
	}
	var h *fieldHit
	sf, ok := t.FieldByName(name)
	if _, method := reflect.PointerTo(t).MethodByName(name); ok && !method {
		h = &fieldHit{t, sf.Index}
		for i := range sf.Index {
			if !t.FieldByIndex(sf.Index[:i+1]).IsExported() {
				h = nil
				break
			}
		}
	}
	fieldHits.Store(k, h)
	return h
}

// indirect is text/template's: v through pointers and interfaces, and
// whether it stopped at a nil one.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is text/template's: the value in an interface.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth of if, with, and, or and not.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// toAny is v as a function taking any receives it.
func toAny(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// args evaluates c's arguments, the pipeline's previous value last.
func (s *fstate) args(dot reflect.Value, c *fcmd, final reflect.Value) []reflect.Value {
	vs := make([]reflect.Value, 0, len(c.args)+1)
	for i := range c.args {
		vs = append(vs, s.eval(dot, &c.args[i], reflect.Value{}))
	}
	if c.final {
		vs = append(vs, final)
	}
	return vs
}

// call calls the function of c as text/template would.
func (s *fstate) call(dot reflect.Value, c *fcmd, final reflect.Value) reflect.Value {
	switch c.fn {
	case fnAnd, fnOr:
		var v reflect.Value
		for i := range c.args {
			v = s.eval(dot, &c.args[i], reflect.Value{})
			if truth(v) == (c.fn == fnOr) {
				return v
			}
		}
		if c.final {
			v = final
		}
		return v
	case fnNot:
		return reflect.ValueOf(!truth(s.args(dot, c, final)[0]))
	case fnEq, fnNe:
		vs := s.args(dot, c, final)
		eq, err := equal(vs[0], vs[1:]...)
		if err != nil {
			bail()
		}
		return reflect.ValueOf(eq == (c.fn == fnEq))
	case fnLen:
		item, isNil := indirect(s.args(dot, c, final)[0])
		switch {
		case isNil:
			bail()
		case item.Kind() == reflect.Array || item.Kind() == reflect.Chan || item.Kind() == reflect.Map ||
			item.Kind() == reflect.Slice || item.Kind() == reflect.String:
			return reflect.ValueOf(item.Len())
		}
		bail()
	case fnPrint:
		vs := s.args(dot, c, final)
		as := make([]any, len(vs))
		for i, v := range vs {
			as[i] = toAny(v)
		}
		return reflect.ValueOf(fmt.Sprint(as...))
	case fnAdd:
		vs := s.args(dot, c, final)
		for _, v := range vs {
			if !v.IsValid() || v.Type() != intType {
				bail()
			}
		}
		return reflect.ValueOf(int(vs[0].Int() + vs[1].Int()))
	case fnCached:
		h, ok := s.fs.cached(c.part, toAny(s.args(dot, c, final)[0]))
		if !ok {
			bail()
		}
		return reflect.ValueOf(h)
	}
	bail()
	return reflect.Value{}
}

// cached is parts.cached, the template executed by fastExec when it can.
func (fs *fastSet) cached(name string, v any) (template.HTML, bool) {
	h, err := fs.parts.cachedBy(name, v, func() (template.HTML, error) {
		var b bytes.Buffer
		if fs.run(fs.named[name], &b, v) {
			if testFast != nil {
				testFast(name, b.Bytes(), func(w *bytes.Buffer) error { return fs.parts.t.ExecuteTemplate(w, name, v) })
			}
			return template.HTML(b.String()), nil
		}
		return fs.parts.execute(name, v)
	})
	return h, err == nil
}

// testFast, set by tests only, sees each output fastExec made (a page's or
// a part's) with the way html/template makes it.
var testFast func(name string, fast []byte, slow func(w *bytes.Buffer) error)

// Comparison kinds, as text/template's eq sorts values.
type basicKind int

const (
	invalidKind basicKind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func kindOf(v reflect.Value) basicKind {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return invalidKind
}

var errCompare = errors.New("render: a comparison fastExec leaves to text/template")

// equal is text/template's eq for the basic kinds; err where it compares
// anything else, or fails.
func equal(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	k1 := kindOf(arg1)
	for _, arg := range arg2 {
		arg = indirectInterface(arg)
		k2 := kindOf(arg)
		truth := false
		switch {
		case k1 == intKind && k2 == uintKind:
			truth = arg1.Int() >= 0 && uint64(arg1.Int()) == arg.Uint()
		case k1 == uintKind && k2 == intKind:
			truth = arg.Int() >= 0 && arg1.Uint() == uint64(arg.Int())
		case k1 != k2 || k1 == invalidKind:
			return false, errCompare
		case k1 == boolKind:
			truth = arg1.Bool() == arg.Bool()
		case k1 == complexKind:
			truth = arg1.Complex() == arg.Complex()
		case k1 == floatKind:
			truth = arg1.Float() == arg.Float()
		case k1 == intKind:
			truth = arg1.Int() == arg.Int()
		case k1 == stringKind:
			truth = arg1.String() == arg.String()
		case k1 == uintKind:
			truth = arg1.Uint() == arg.Uint()
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}

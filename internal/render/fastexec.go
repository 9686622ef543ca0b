package render

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	ttemplate "text/template"
	"text/template/parse"
)

// fastExec executes a page template's set as html/template would, byte for
// byte, at a fraction of the cost: over the parse trees html/template has
// escaped (which hold the escapers, such as _html_template_htmlescaper, as
// functions at the end of each action), with the escapers and template
// functions called directly instead of through reflect.Call and each
// field's index cached by type instead of looked up by name on every
// access. It is text/template's exec.go restated for what themes use.
//
// What it does not do it leaves to html/template, so it changes no page
// and no error message:
//
//   - when the set is compiled (compileFast, once per theme): a page set
//     is left to html/template altogether if escaping it fails, if a
//     template is called in a context other than HTML text (html/template
//     then executes a derived copy fastExec cannot see), if cached names a
//     template by a value that is not a constant, or if a template uses a
//     node, function or escaper not handled here (break, continue, index,
//     printf, JavaScript contexts, …).
//   - when a page is executed: at the first value it does not handle as
//     text/template would without an error (a method, a map, a nil
//     pointer, an unexported field, typed HTML in an attribute, …) it
//     stops, forgets what it wrote, and html/template executes the page
//     instead, giving the same output or the same error. Templates have
//     no side effects (their only functions are pure, and cached keeps
//     only what a template made), so executing again is safe.
type fastSet struct {
	page  *fastTmpl
	named map[string]*fastTmpl // every compiled template, by name
	parts *parts
}

// fastTmpl is one compiled template.
type fastTmpl struct {
	name string
	list []fnode
}

type fnodeKind uint8

const (
	fText     fnodeKind = iota
	fPrint              // an action that prints its pipeline, escaped
	fDecl               // an action that declares or assigns variables
	fIf                 // also with, by withDot
	fRange              //
	fTemplate           // {{template}}
)

type fnode struct {
	kind     fnodeKind
	text     []byte
	pipe     *fpipe
	esc      []escaper // fPrint: the escapers, in order
	list     []fnode
	elseList []fnode
	withDot  bool      // fIf: a with, which sets dot
	tmpl     *fastTmpl // fTemplate
}

type fpipe struct {
	cmds     []fcmd
	decl     []string
	isAssign bool
}

type fcmdKind uint8

const (
	cField fcmdKind = iota // .A.B on dot
	cVar                   // $x, $x.A.B
	cDot
	cConst // a constant, or nil: an invalid value
	cPipe  // (pipeline)
	cCall  // a function
)

type fcmd struct {
	kind   fcmdKind
	name   string      // cVar: the variable; cCall: the function
	fields []*fieldRef // cField, cVar
	val    reflect.Value
	pipe   *fpipe
	fn     fastFunc
	args   []fcmd // cCall: the arguments, without the pipeline's previous value
	final  bool   // cCall: the pipeline's previous value is the last argument
	part   string // cCall of cached: the template's name
}

type fastFunc uint8

const (
	fnAnd fastFunc = iota
	fnOr
	fnNot
	fnEq
	fnNe
	fnLen
	fnPrint
	fnAdd
	fnCached
)

// fastFuncs are the functions fastExec calls itself, with the number of
// arguments each takes: from min to max, -1 for any number (eq fails with
// fewer than two).
var fastFuncs = map[string]struct {
	fn       fastFunc
	min, max int
}{
	"and": {fnAnd, 1, -1}, "or": {fnOr, 1, -1}, "not": {fnNot, 1, 1}, "eq": {fnEq, 2, -1}, "ne": {fnNe, 2, 2},
	"len": {fnLen, 1, 1}, "print": {fnPrint, 0, -1}, "add": {fnAdd, 2, 2}, "cached": {fnCached, 2, 2},
}

// fieldRef is one name of a field chain, with the last type it was looked
// up in.
type fieldRef struct {
	name string
	last atomic.Pointer[fieldHit]
}

type fieldHit struct {
	t     reflect.Type
	index []int
}

// errNotFast says why compileFast left a set to html/template.
type errNotFast struct{ what string }

func (e *errNotFast) Error() string { return "render: not for fastExec: " + e.what }

func notFast(format string, args ...any) error {
	return &errNotFast{fmt.Sprintf(format, args...)}
}

// compileFast compiles page, a page template's set that has not been
// executed, whose cached is ps's. It escapes a clone of the set as
// html/template would when executing it (the page, then each template
// cached names, as the root of its own execution) and compiles the escaped
// trees; the error says why the set is left to html/template.
func compileFast(page *template.Template, ps *parts) (*fastSet, error) {
	clone, err := page.Clone()
	if err != nil {
		return nil, err
	}
	// Escaping happens on the first execution; nothing of that one is
	// kept, and cached must not run the real set's templates.
	clone.Funcs(template.FuncMap{"cached": func(string, any) (template.HTML, error) { return "", nil }})
	if err := escaped(clone.Execute(stopWriter{}, nil)); err != nil {
		return nil, err
	}
	c := &fastCompiler{set: clone, fs: &fastSet{named: map[string]*fastTmpl{}, parts: ps}, roots: map[string]bool{}}
	// Escape every root before compiling: escaping edits the trees.
	queue := []string{clone.Name()}
	c.roots[clone.Name()] = true
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		parts, err := c.cachedNames(name)
		if err != nil {
			return nil, err
		}
		for _, p := range parts {
			if !c.roots[p] {
				c.roots[p] = true
				if err := escaped(clone.ExecuteTemplate(stopWriter{}, p, nil)); err != nil {
					return nil, err
				}
				queue = append(queue, p)
			}
		}
	}
	for name := range c.roots {
		if _, err := c.template(name); err != nil {
			return nil, err
		}
	}
	c.fs.page = c.fs.named[clone.Name()]
	return c.fs, nil
}

// stopWriter fails the first write: compileFast executes only to escape.
type stopWriter struct{}

var errStopWriting = errors.New("render: escaping only")

func (stopWriter) Write([]byte) (int, error) { return 0, errStopWriting }

// escaped returns nil when err, of an execution with no data into a
// stopWriter, came after escaping succeeded.
func escaped(err error) error {
	var ee ttemplate.ExecError
	if err == nil || errors.Is(err, errStopWriting) || errors.As(err, &ee) {
		return nil
	}
	return notFast("escaping: %v", err)
}

type fastCompiler struct {
	set   *template.Template
	fs    *fastSet
	roots map[string]bool
}

// tree returns the escaped tree of the template name.
func (c *fastCompiler) tree(name string) (*parse.Tree, error) {
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, notFast("template %q is derived or not defined", name)
	}
	return t.Tree, nil
}

// cachedNames returns the names cached is given in the templates root
// reaches by {{template}}.
func (c *fastCompiler) cachedNames(root string) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	var visit func(name string) error
	visit = func(name string) error {
		if seen[name] {
			return nil
		}
		seen[name] = true
		tr, err := c.tree(name)
		if err != nil {
			return err
		}
		var calls []string
		eachCall(tr.Root, func(name string, byCached, constant bool) {
			switch {
			case !byCached:
				calls = append(calls, name)
			case constant:
				names = append(names, name)
			}
		})
		for _, name := range calls {
			if err := visit(name); err != nil {
				return err
			}
		}
		return nil
	}
	return names, visit(root)
}

// template compiles the template name, once.
func (c *fastCompiler) template(name string) (*fastTmpl, error) {
	if t, ok := c.fs.named[name]; ok {
		return t, nil
	}
	tr, err := c.tree(name)
	if err != nil {
		return nil, err
	}
	t := &fastTmpl{name: name}
	c.fs.named[name] = t // before its body: templates may call themselves
	t.list, err = c.list(tr.Root)
	return t, err
}

func (c *fastCompiler) list(l *parse.ListNode) ([]fnode, error) {
	if l == nil {
		return nil, nil
	}
	out := make([]fnode, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		f, skip, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if !skip {
			out = append(out, f)
		}
	}
	return out, nil
}

func (c *fastCompiler) node(n parse.Node) (f fnode, skip bool, err error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return fnode{kind: fText, text: n.Text}, false, nil
	case *parse.CommentNode:
		return f, true, nil
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			f.kind = fDecl
			f.pipe, err = c.pipe(n.Pipe)
			return f, false, err
		}
		f.kind = fPrint
		f.pipe, f.esc, err = c.printed(n.Pipe)
		return f, false, err
	case *parse.IfNode:
		f, err = c.branch(&n.BranchNode)
		return f, false, err
	case *parse.WithNode:
		f, err = c.branch(&n.BranchNode)
		f.withDot = true
		return f, false, err
	case *parse.RangeNode:
		f, err = c.branch(&n.BranchNode)
		f.kind = fRange
		return f, false, err
	case *parse.TemplateNode:
		f.kind = fTemplate
		if n.Pipe != nil {
			if f.pipe, err = c.pipe(n.Pipe); err != nil {
				return f, false, err
			}
		}
		f.tmpl, err = c.template(n.Name)
		return f, false, err
	}
	return f, false, notFast("%s", n)
}

func (c *fastCompiler) branch(b *parse.BranchNode) (f fnode, err error) {
	f.kind = fIf
	if f.pipe, err = c.pipe(b.Pipe); err != nil {
		return f, err
	}
	if f.list, err = c.list(b.List); err != nil {
		return f, err
	}
	f.elseList, err = c.list(b.ElseList)
	return f, err
}

// printed compiles the pipeline of an action that prints: the escapers
// html/template added at its end, and what they escape.
func (c *fastCompiler) printed(p *parse.PipeNode) (*fpipe, []escaper, error) {
	k := len(p.Cmds)
	for k > 1 && escaperName(p.Cmds[k-1]) != "" {
		k--
	}
	if k == len(p.Cmds) {
		return nil, nil, notFast("%s: not escaped", p)
	}
	var esc []escaper
	for _, cmd := range p.Cmds[k:] {
		e, ok := escapers[escaperName(cmd)]
		if !ok {
			return nil, nil, notFast("%s: escaper %s", p, escaperName(cmd))
		}
		esc = append(esc, e)
	}
	value := *p
	value.Cmds = p.Cmds[:k]
	fp, err := c.pipe(&value)
	return fp, esc, err
}

// escaperName is the name of the html/template escaper cmd calls with no
// argument, or "".
func escaperName(cmd *parse.CommandNode) string {
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && len(cmd.Args) == 1 && strings.HasPrefix(id.Ident, "_html_template_") {
		return id.Ident
	}
	return ""
}

func (c *fastCompiler) pipe(p *parse.PipeNode) (*fpipe, error) {
	fp := &fpipe{isAssign: p.IsAssign}
	for _, v := range p.Decl {
		fp.decl = append(fp.decl, v.Ident[0])
	}
	for i, cmd := range p.Cmds {
		fc, err := c.command(cmd, i > 0)
		if err != nil {
			return nil, err
		}
		fp.cmds = append(fp.cmds, fc)
	}
	return fp, nil
}

// command compiles cmd; final says the pipeline's previous value is given
// to it as its last argument.
func (c *fastCompiler) command(cmd *parse.CommandNode, final bool) (fcmd, error) {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		if len(cmd.Args) > 1 || final {
			// A method call, or text/template's error.
			return fcmd{}, notFast("%s: arguments", cmd)
		}
		return c.operand(cmd.Args[0])
	}
	f, ok := fastFuncs[id.Ident]
	if !ok {
		return fcmd{}, notFast("%s: function %s", cmd, id.Ident)
	}
	fc := fcmd{kind: cCall, name: id.Ident, fn: f.fn, final: final}
	n := len(cmd.Args) - 1
	if final {
		n++
	}
	if n < f.min || f.max >= 0 && n > f.max {
		return fc, notFast("%s: %d arguments", cmd, n)
	}
	args := cmd.Args[1:]
	if f.fn == fnCached {
		s, ok := args[0].(*parse.StringNode)
		if !ok {
			return fc, notFast("%s: not a constant name", cmd)
		}
		fc.part, args = s.Text, args[1:]
	}
	for _, a := range args {
		if _, ok := a.(*parse.IdentifierNode); ok {
			return fc, notFast("%s: a function as an argument", cmd)
		}
		o, err := c.operand(a)
		if err != nil {
			return fc, err
		}
		if n, ok := a.(*parse.NumberNode); ok && n.IsInt && f.fn == fnAdd {
			o.val = reflect.ValueOf(int(n.Int64)) // an int parameter's constant (call checks the others)
		}
		fc.args = append(fc.args, o)
	}
	return fc, nil
}

// operand compiles a value as an argument of type any or reflect.Value,
// or as a command of its own.
func (c *fastCompiler) operand(n parse.Node) (fcmd, error) {
	switch n := n.(type) {
	case *parse.FieldNode:
		return fcmd{kind: cField, fields: fieldRefs(n.Ident)}, nil
	case *parse.VariableNode:
		return fcmd{kind: cVar, name: n.Ident[0], fields: fieldRefs(n.Ident[1:])}, nil
	case *parse.DotNode:
		return fcmd{kind: cDot}, nil
	case *parse.PipeNode:
		p, err := c.pipe(n)
		return fcmd{kind: cPipe, pipe: p}, err
	case *parse.StringNode:
		return fcmd{kind: cConst, val: reflect.ValueOf(n.Text)}, nil
	case *parse.BoolNode:
		return fcmd{kind: cConst, val: reflect.ValueOf(n.True)}, nil
	case *parse.NumberNode:
		v, ok := idealConstant(n)
		if !ok {
			return fcmd{}, notFast("%s: constant", n)
		}
		return fcmd{kind: cConst, val: v}, nil
	}
	return fcmd{}, notFast("%s", n)
}

func fieldRefs(names []string) []*fieldRef {
	refs := make([]*fieldRef, len(names))
	for i, n := range names {
		refs[i] = &fieldRef{name: n}
	}
	return refs
}

// idealConstant is text/template's: a number's value by its syntax; ok is
// false where text/template reports an error.
func idealConstant(n *parse.NumberNode) (reflect.Value, bool) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), true
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), true
	case n.IsInt:
		i := int(n.Int64)
		return reflect.ValueOf(i), int64(i) == n.Int64
	}
	return reflect.Value{}, false
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// eachNode calls f on n and every node under it.
func eachNode(n parse.Node, f func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			eachNode(c, f)
		}
	case *parse.ActionNode:
		eachNode(n.Pipe, f)
	case *parse.IfNode:
		eachBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		eachBranch(&n.BranchNode, f)
	case *parse.WithNode:
		eachBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		eachNode(n.Pipe, f)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			eachNode(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			eachNode(a, f)
		}
	case *parse.ChainNode:
		eachNode(n.Node, f)
	}
}

func eachBranch(b *parse.BranchNode, f func(parse.Node)) {
	eachNode(b.Pipe, f)
	eachNode(b.List, f)
	eachNode(b.ElseList, f)
}

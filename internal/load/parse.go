// Package load reads articles: a file's bytes become an *article.Article with
// its decoded front matter, the position of every key, and its body, plus the
// findings about what could not be read (GK001 unreadable front matter,
// GK002 unknown keys and wrong types, GK043 impossible dates).
package load

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

var (
	msgFullWidthColon = msg.New("load.full_width_colon",
		"键 %[1]s 后面用了中文冒号“：”：YAML 要用英文冒号加一个空格（%[1]s: …），请切换到半角输入",
		"full-width colon \"：\" after key %[1]q: YAML needs an ASCII colon and a space (%[1]s: …); switch the input method to half-width")
	msgTOML       = msg.New("load.toml", "前置信息（TOML）无法解析：%s", "the front matter (TOML) cannot be parsed: %s")
	msgNotMapping = msg.New("load.not_mapping",
		"前置信息应由键和值组成（title: …），而不是%s",
		"front matter must be keys and values (title: …), not %s")
	msgAList       = msg.New("load.a_list", "列表", "a list")
	msgTheText     = msg.New("load.the_text", "一段文字“%s”", "the text %q")
	msgUnknownStep = msg.New("load.unknown_step",
		"未知的审核步骤“%s”%s；审核顺序为 %s",
		"unknown review step %q%s (the chain is %s)")
)

// Parse reads one article. path is relative to the repository root with
// forward slashes. The article is never nil; when its front matter cannot be
// read at all it is marked Broken.
func Parse(p string, src []byte, cfg *config.Config) (*article.Article, diag.List) {
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	var l diag.List
	a := &article.Article{Path: p}
	a.Slug, a.Dir = slugOf(p)
	at := func(line, col int) diag.Pos { return diag.Pos{Path: p, Line: line, Col: col} }
	if !validUTF8(src) {
		a.Broken = true
		l.Errorf(at(1, 1), "GK001", "%s", encodingProblem(p, src))
		return a, l
	}
	src = normalize(src)
	a.Src = src
	b := split(src)
	if b.problem != "" {
		a.Broken = true
		a.Body, a.BodyLine = src, 1
		l.Errorf(at(b.problemAt[0], b.problemAt[1]), "GK001", "%s", b.problem)
		return a, l
	}
	a.Body, a.BodyLine = b.body, b.bodyLine
	if line, col, key := findFullWidthColon(b.fm); line > 0 {
		a.Broken = true
		l.Errorf(at(b.fmLine+line-1, col), "GK001", msgFullWidthColon.T(), key)
		return a, l
	}
	root, err := parseFrontMatter(&sc.parser, b)
	if err != nil {
		a.Broken = true
		line, text := yamlError(err)
		col := 1
		if b.format == "yaml" {
			line = strictyaml.SyntaxErrorLine(b.fm)
			col, text = strictyaml.Explain(b.fm, line, text)
		} else {
			text = msgTOML.F(text)
		}
		l.Errorf(at(b.fmLine+line-1, col), "GK001", "%s", text)
		return a, l
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 && root.Content[0].Kind != yaml.MappingNode {
		a.Broken = true
		l.Errorf(at(b.fmLine, 1), "GK001", msgNotMapping.T(), describeNode(root.Content[0]))
		return a, l
	}
	if b.format == "yaml" {
		for _, h := range strictyaml.HashComments(b.fm) {
			l.Warnf(at(b.fmLine+h.Line-1, h.Col), "GK002", "%s", h.Msg)
		}
	}
	decodeFrontMatter(a, root, b.fmLine, cfg, &l, sc)
	reviewReferences(a, root, b.fmLine, &l)
	return a, l
}

// scratch is the memory Parse works in, taken from scratches and given
// back when the article is parsed: its front matter's tree (which lives
// only until decoded) and its keys' positions as decoded.
type scratch struct {
	parser strictyaml.Parser
	keys   []keyAt
	order  []int32 // setKeys's
}

// keyAt is a key's path and position in the file, as decoded.
type keyAt struct {
	path      string
	line, col int
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

var msgReviewReference = msg.New("load.review_reference",
	"review 中不得使用 YAML 锚点、别名或合并键（%s）：每一步审核都要由审核人本人逐项写明 by 和 at",
	"YAML anchors, aliases and merge keys are not allowed under review (%s): each step's by and at must be written out by its signer")

// reviewReferences reports every anchor (&x), alias (*x) and merge key
// (<<) under review: an alias would copy one signer's lines into another
// step, and git blame would then credit the step to the wrong commit.
func reviewReferences(a *article.Article, root *yaml.Node, fmLine int, l *diag.List) {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "review" {
			walkReferences(m.Content[i+1], func(n *yaml.Node, what string) {
				l.Errorf(diag.Pos{Path: a.Path, Line: fmLine + n.Line - 1, Col: n.Column}, "GK002", msgReviewReference.T(), what)
			})
		}
	}
}

// walkReferences calls report for each anchor, alias and merge key in n.
func walkReferences(n *yaml.Node, report func(*yaml.Node, string)) {
	switch {
	case n.Kind == yaml.AliasNode:
		report(n, "*"+n.Value)
		return
	case n.Anchor != "":
		report(n, "&"+n.Anchor)
	case n.Tag == "!!merge" || (n.Kind == yaml.ScalarNode && n.Value == "<<" && n.Style == 0):
		report(n, "<<")
	}
	for _, c := range n.Content {
		walkReferences(c, report)
	}
}

func describeNode(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		return msgAList.F()
	}
	return msgTheText.F(n.Value)
}

func parseFrontMatter(parser *strictyaml.Parser, b block) (*yaml.Node, error) {
	if b.format == "toml" {
		return tomlToNode(b.fm)
	}
	root, err := parser.Parse(b.fm)
	if err != nil {
		return nil, err
	}
	if root.Kind == 0 { // empty front matter
		*root = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}}}
	}
	return root, nil
}

// yamlError turns "yaml: line 3: did not find expected key" into (3, "line 3 …")
// restated without the front-matter-relative line.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var le *lineError
	if errors.As(err, &le) {
		return le.line, le.msg
	}
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	if line < 1 {
		line = 1
	}
	return line, msg
}

func decodeFrontMatter(a *article.Article, root *yaml.Node, fmLine int, cfg *config.Config, l *diag.List, sc *scratch) {
	at := func(line, col int) diag.Pos { return diag.Pos{Path: a.Path, Line: fmLine + line - 1, Col: col} }
	d := strictyaml.NewDecoder(cfg.Location)
	found := sc.keys[:0]
	d.OnKey = func(path string, line, col int) { found = append(found, keyAt{path, fmLine + line - 1, col}) }
	d.Decode(root, &a.FM)
	sc.order = setKeys(&a.Keys, found, sc.order)
	clear(found) // the scratch keeps no article's paths
	sc.keys = found[:0]
	for _, pr := range d.Problems {
		id := "GK002"
		var de *article.DateError
		if errors.As(pr.Err, &de) {
			id = "GK043"
		}
		l.Errorf(at(pr.Line, pr.Col), id, "%s", pr.Msg)
	}
	keys := cfg.StepKeys()
	for k := range a.FM.Review {
		if cfg.StepIndex(k) < 0 {
			l.Errorf(a.Pos("review."+k), "GK002", msgUnknownStep.T(), k, strictyaml.Suggest(k, keys), strings.Join(keys, " → "))
			delete(a.FM.Review, k)
		}
	}
}

// setKeys records the positions of keys, in the order decoded, as
// KeyPositions.Set one after another would (a key set twice keeps the
// last position), but set in the order of their paths, into room made
// once: Set keeps its list sorted by path.
func setKeys(k *article.KeyPositions, keys []keyAt, order []int32) []int32 {
	order = order[:0]
	for i := range keys {
		order = append(order, int32(i))
	}
	// The order of the paths, a key set twice in the order set; sorting
	// the numbers, not the keys, moves no pointers.
	slices.SortFunc(order, func(i, j int32) int {
		if c := strings.Compare(keys[i].path, keys[j].path); c != 0 {
			return c
		}
		return int(i - j)
	})
	k.Grow(len(keys))
	for _, i := range order {
		e := keys[i]
		k.Set(e.path, e.line, e.col)
	}
	k.Compact()
	return order
}

// slugOf returns the slug and the folder of a content path: the file name
// without .md, or the folder's name for an index.md.
func slugOf(p string) (slug, dir string) {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	slug = strings.TrimSuffix(file, path.Ext(file))
	if slug == "index" || slug == "_index" {
		slug = path.Base(dir)
	}
	return slug, dir
}

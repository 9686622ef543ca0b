package register

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

var (
	msgUnreadable = msg.New("register.unreadable",
		"无法读取申请登记文件：%v",
		"cannot read the request file: %v")
	msgEmpty = msg.New("register.empty",
		"申请登记文件是空的：请填写 received、applicant、channel 和 request",
		"the request file is empty: fill in received, applicant, channel and request")
	msgMissing = msg.New("register.missing",
		"缺少 %s（%s）",
		"%s (%s) is missing")
	msgWrongFolder = msg.New("register.wrong_folder",
		"申请于%d年收到，登记文件应放在 %s/%d/ 下",
		"the request was received in %d: keep its file under %s/%d/")
)

var (
	whatType         = msg.New("register.what_type", "申请人类型：%s", "the applicant's type: %s")
	whatChannel      = msg.New("register.what_channel", "申请渠道：%s", "the channel: %s")
	whatRequest      = msg.New("register.what_request", "申请内容", "what was asked for")
	whatResult       = msg.New("register.what_result", "办理结果，即年度报告表三的一行", "the result, a row of table 三 of the annual report")
	whatAppealKind   = msg.New("register.what_appeal_kind", "类型：%s", "the kind: %s")
	whatAppealResult = msg.New("register.what_appeal_result", "结果：%s", "the result: %s")
)

// Load reads every request file (*.yaml, *.yml) under requests/ in fsys,
// sorted by path; dates are in loc. A file that cannot be decoded in full
// is returned with Broken set, its problems as findings. A repository
// without requests/ has an empty register.
func Load(fsys fs.FS, loc *time.Location) ([]*Request, diag.List) {
	var reqs []*Request
	var l diag.List
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			l.Errorf(diag.Pos{Path: p, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
			return nil
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Errorf(diag.Pos{Path: p, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
			return nil
		}
		r, findings := Parse(p, src, loc)
		reqs = append(reqs, r)
		l = append(l, findings...)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.Errorf(diag.Pos{Path: Dir, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
	}
	slices.SortFunc(reqs, func(a, b *Request) int { return strings.Compare(a.Path, b.Path) })
	return reqs, l
}

// Parse decodes one request file named name.
func Parse(name string, src []byte, loc *time.Location) (*Request, diag.List) {
	r := &Request{Path: name, keys: map[string][2]int{}}
	var l diag.List
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := strictyaml.SyntaxErrorLine(src)
		col, text := strictyaml.Explain(src, line, strictyaml.ParserText(err))
		l.Errorf(diag.Pos{Path: name, Line: max(line, 1), Col: col}, "GK080", "%s", text)
		r.Broken = true
		return r, l
	}
	if len(doc.Content) == 0 || strictyaml.IsNull(doc.Content[0]) {
		l.Errorf(diag.Pos{Path: name, Line: 1, Col: 1}, "GK080", "%s", msgEmpty.F())
		r.Broken = true
		return r, l
	}
	d := strictyaml.NewDecoder(loc)
	d.Decode(&doc, r)
	r.keys = d.Keys
	for _, p := range d.Problems {
		pos := diag.Pos{Path: name, Line: p.Line, Col: p.Col}
		var de *article.DateError
		var ce *choiceError
		switch {
		case errors.As(p.Err, &de):
			l.Errorf(pos, "GK082", "%s", p.Msg)
		case errors.As(p.Err, &ce):
			l.Errorf(pos, "GK081", "%s", p.Msg)
		default:
			l.Errorf(pos, "GK080", "%s", p.Msg)
		}
		r.Broken = true
	}
	l = append(l, r.resolveChoices()...)
	l = append(l, r.required()...)
	l = append(l, r.folder()...)
	if l.HasErrors() {
		r.Broken = true
	}
	return r, l
}

// Pos returns the position of the key at the dotted path, or of its
// nearest parent present, or 1:1.
func (r *Request) Pos(key string) diag.Pos {
	for k := key; k != ""; {
		if p, ok := r.keys[k]; ok {
			return diag.Pos{Path: r.Path, Line: p[0], Col: p[1]}
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return diag.Pos{Path: r.Path, Line: 1, Col: 1}
}

// resolveChoices checks every Choice against its key's choices and writes
// results in full form (GK081).
func (r *Request) resolveChoices() diag.List {
	var l diag.List
	one := func(c *Choice, kind, key string) {
		if *c == "" {
			return
		}
		full, err := resolve(*c, kind)
		if err != nil {
			l.Errorf(r.Pos(key), "GK081", "%s：%v", key, err)
			return
		}
		*c = full
	}
	one(&r.Applicant.Type, "applicant.type", "applicant.type")
	one(&r.Channel, "channel", "channel")
	if r.Reply != nil {
		one(&r.Reply.Result, "reply.result", "reply.result")
	}
	for i := range r.Appeals {
		p := "appeals." + strconv.Itoa(i)
		one(&r.Appeals[i].Kind, "appeals.kind", p+".kind")
		one(&r.Appeals[i].Result, "appeals.result", p+".result")
	}
	return l
}

// required reports the keys that must be present (GK080).
func (r *Request) required() diag.List {
	var l diag.List
	need := func(missing bool, key, what string) {
		if _, present := r.keys[key]; missing && !present {
			l.Errorf(r.Pos(key), "GK080", msgMissing.T(), key, what)
		}
	}
	need(r.Received.IsZero(), "received", whatReceived.F())
	need(r.Applicant.Type == "", "applicant.type", whatType.F(strings.Join(ApplicantTypes, "、")))
	need(r.Channel == "", "channel", whatChannel.F(strings.Join(Channels, "、")))
	need(strings.TrimSpace(r.Request) == "", "request", whatRequest.F())
	if s := r.Supplement; s != nil {
		need(s.Asked.IsZero(), "supplement.asked", whatAsked.F())
	}
	if e := r.Extension; e != nil {
		need(e.At.IsZero(), "extension.at", whatExtension.F())
	}
	if rp := r.Reply; rp != nil {
		need(rp.At.IsZero(), "reply.at", whatReply.F())
		need(rp.Result == "", "reply.result", whatResult.F())
	}
	for i, a := range r.Appeals {
		p := "appeals." + strconv.Itoa(i)
		need(a.Kind == "", p+".kind", whatAppealKind.F(strings.Join(AppealKinds, "、")))
		need(a.At.IsZero(), p+".at", whatAppeal.F())
		need(a.Result == "", p+".result", whatAppealResult.F(strings.Join(AppealResults, "、")))
	}
	return l
}

// folder warns when the file is not under requests/<year received>/ (GK087).
func (r *Request) folder() diag.List {
	var l diag.List
	if r.Received.IsZero() {
		return l
	}
	y := r.Received.Year()
	if path.Dir(r.Path) != Dir+"/"+strconv.Itoa(y) {
		l.Warnf(r.Pos("received"), "GK087", msgWrongFolder.T(), y, Dir, y)
	}
	return l
}

package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/sign"
)

// The review panel of `gongkai serve --pending`: on each article in review
// it shows the current git user the step that waits on them, as a form;
// submitting it signs exactly as `gongkai sign` does (sign.Prepare and
// sign.Apply: the same checks, write and commit), and the page reloads.
//
// Signing changes the repository as the person at this computer, so the
// panel exists only when the preview listens on a loopback address, and a
// request must carry the Host of this machine (checked in ServeHTTP),
// this process's random token, and come from the preview's own pages: a
// POST needs an Origin equal to the preview's or Sec-Fetch-Site:
// same-origin, and is refused when either names another site.

const reviewPrefix = "/_gongkai/review/"

//go:embed review.js
var reviewJS []byte

// review is the panel's state: nil unless serving --pending on loopback.
type review struct {
	dir    string
	origin string // http://127.0.0.1:1313
	token  string
	now    func() time.Time
}

func newReview(dir string, s *Server, pending bool, now func() time.Time) *review {
	if !pending {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	b := make([]byte, 32)
	rand.Read(b)
	return &review{dir: dir, origin: strings.TrimSuffix(s.URL(), "/"), token: hex.EncodeToString(b), now: now}
}

var (
	msgReviewLoopback = msg.New("serve.review_loopback",
		"审核面板只在本机地址（127.0.0.1、localhost）上提供：预览监听在其他地址时，不能在网页上签署",
		"the review panel exists only on a loopback address (127.0.0.1, localhost): signing from the page is off while the preview listens elsewhere")
	msgReviewToken = msg.New("serve.review_token",
		"请求缺少本次预览的令牌或令牌不符：请在 gongkai serve 打开的页面上签署（重启预览后请刷新页面）",
		"the request lacks this preview's token, or it does not match: sign on a page the running gongkai serve opened (reload the page after restarting the preview)")
	msgReviewOrigin = msg.New("serve.review_origin",
		"请求不是来自本预览的页面（Origin 或 Sec-Fetch-Site 指向其他网站），已拒绝：只能在本预览的页面上签署",
		"the request does not come from this preview's pages (Origin or Sec-Fetch-Site names another site), so it is refused: sign only on the preview's own pages")
	msgReviewRefused = msg.New("serve.review_refused", "未签署", "not signed")
	msgReviewBack    = msg.New("serve.review_back", "返回稿件", "back to the article")
)

// reviewScript adds the panel's script to a page while the panel exists.
func (s *Server) reviewScript(page []byte) []byte {
	if s.review == nil || !s.Loopback() {
		return page
	}
	tag := []byte(`<script src="/_gongkai/review.js" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	return append(append(append(out, page[:i]...), tag...), page[i:]...)
}

// serveReview answers under /_gongkai/review/ and /_gongkai/review.js.
func (s *Server) serveReview(w http.ResponseWriter, r *http.Request) {
	rv := s.review
	if rv == nil {
		http.NotFound(w, r)
		return
	}
	if !s.Loopback() || !loopbackHost(r.Host) {
		// Not through a host name --allow-host admits: only this machine.
		http.Error(w, msgReviewLoopback.F(), http.StatusForbidden)
		return
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		http.Error(w, msgReviewOrigin.F(), http.StatusForbidden)
		return
	}
	switch {
	case r.URL.Path == "/_gongkai/review.js" && r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reviewJS)
	case r.URL.Path == reviewPrefix+"panel" && r.Method == http.MethodGet:
		rv.panel(w, r)
	case r.URL.Path == reviewPrefix+"sign" && r.Method == http.MethodPost:
		rv.sign(w, r)
	default:
		http.NotFound(w, r)
	}
}

// sameOrigin accepts a request whose Origin is the preview's, or that the
// browser marks same-origin; a request naming another origin, or neither,
// is refused.
func (rv *review) sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		return o == rv.origin || sameLoopbackOrigin(o, rv.origin)
	}
	return r.Header.Get("Sec-Fetch-Site") == "same-origin"
}

// sameLoopbackOrigin accepts http://localhost:PORT for http://127.0.0.1:PORT.
func sameLoopbackOrigin(o, own string) bool {
	u, err1 := url.Parse(o)
	v, err2 := url.Parse(own)
	return err1 == nil && err2 == nil && u.Scheme == "http" && u.Port() == v.Port() && loopbackHost(u.Host)
}

// open loads the repository as it is now, as gongkai sign does.
func (rv *review) open() (*project.Project, error) {
	fsys, err := project.RepoFS(rv.dir)
	if err != nil {
		return nil, err
	}
	return project.Open(fsys, rv.now())
}

// panel writes the panel for the article at ?page=<URL path>, or nothing
// when the page is no article in review.
func (rv *review) panel(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	p, err := rv.open()
	if err != nil {
		http.Error(w, msg.Cause(err).Error(), http.StatusInternalServerError)
		return
	}
	page := r.URL.Query().Get("page")
	var a *article.Article
	for _, x := range p.Articles {
		if x.URL != "" && x.URL == page {
			a = x
		}
	}
	if a == nil {
		return
	}
	item, ok := check.QueueItem(p.Config, a, p.Findings.ForPath(a.Path).Errors(), p.Now)
	if !ok {
		return
	}
	v := panelView{Path: a.Path, Token: rv.token, Item: item, Today: p.Now.In(p.Config.Location).Format("2006-01-02"),
		Disclosure: string(a.FM.Disclosure)}
	if i := p.Config.StepIndex(item.NextStep); i >= 0 {
		v.Step = &p.Config.ReviewChain[i]
	}
	email := sign.Identity(context.Background(), rv.dir)
	v.User = p.Config.PersonByEmail(email)
	if item.Status == "review" && v.User != nil {
		if _, _, _, err := sign.Resolve(p, sign.Request{Path: a.Path, Email: email}); err != nil {
			v.Refusal = err.Error()
		} else {
			v.Mine = true
		}
	}
	panelTemplate.Execute(w, v)
}

// sign signs the step the form names, as gongkai sign would.
func (rv *review) sign(w http.ResponseWriter, r *http.Request) {
	if !rv.sameOrigin(r) {
		http.Error(w, msgReviewOrigin.F(), http.StatusForbidden)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("token")), []byte(rv.token)) != 1 {
		http.Error(w, msgReviewToken.F(), http.StatusForbidden)
		return
	}
	back := r.PostForm.Get("page")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = "/"
	}
	p, err := rv.open()
	if err != nil {
		http.Error(w, msg.Cause(err).Error(), http.StatusInternalServerError)
		return
	}
	// Not the request's context: the write makes the preview reload the
	// page, which may cancel this request in the browser, and the commit
	// that follows the write must not be killed half-way (a signed file
	// left uncommitted).
	ctx := context.WithoutCancel(r.Context())
	req := sign.Request{
		Path: r.PostForm.Get("path"), Step: r.PostForm.Get("step"), Email: sign.Identity(ctx, rv.dir),
		At: r.PostForm.Get("at"), Opinion: r.PostForm.Get("opinion"), Result: r.PostForm.Get("result"),
		Disclosure: r.PostForm.Get("disclosure"), Cleared: sign.SplitTerms(r.PostForm.Get("cleared")),
	}
	pl, err := sign.Prepare(p, req)
	if err == nil {
		err = sign.Apply(ctx, rv.dir, pl, true)
	}
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnprocessableEntity)
		refusedTemplate.Execute(w, map[string]string{"Lang": msg.Current().String(), "Title": msgReviewRefused.F(), "Msg": err.Error(), "Back": back, "BackText": msgReviewBack.F()})
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

type panelView struct {
	Path, Token, Today, Disclosure string
	Item                           check.Pending
	Step                           *config.Step
	User                           *config.Person
	Mine                           bool
	Refusal                        string
}

// Purpose names for the template.
// NextStep names the step that waits: "签发（review.signoff）".
func (v panelView) NextStep() string {
	if v.Step == nil {
		return ""
	}
	return panelWords["step"].F(v.Step.Label, v.Step.Key)
}

// Choices are the values of the step's fields (sign.Choices).
func (v panelView) Choices() map[string][]string { return sign.Choices }

func (v panelView) Purpose() string {
	if v.Step == nil {
		return ""
	}
	return v.Step.Purpose
}

// panelWords are the panel's texts, in the reader's language; the values a
// step records (公开, 不涉密, 主动公开 …) are data and stay as written.
var panelWords = map[string]msg.M{
	"heading":    msg.New("serve.panel.heading", "审核面板", "Review panel"),
	"fix":        msg.New("serve.panel.fix", "需修正：", "To correct: "),
	"fix_by":     msg.New("serve.panel.fix_by", "由 %s 修正后再签署。", "%s must correct it before it is signed."),
	"yours":      msg.New("serve.panel.yours", "等待您（%s）签署：", "Waiting for you (%s) to sign: "),
	"opinion":    msg.New("serve.panel.opinion", "结论（opinion）", "Opinion (opinion)"),
	"result":     msg.New("serve.panel.result", "结论（result）", "Result (result)"),
	"cleared":    msg.New("serve.panel.cleared", "放行词（cleared，以逗号分隔，可空）：", "Cleared terms (cleared, comma-separated, may be empty): "),
	"disclosure": msg.New("serve.panel.disclosure", "公开属性（disclosure）：", "Disclosure (disclosure): "),
	"date":       msg.New("serve.panel.date", "日期（at）：", "Date (at): "),
	"submit":     msg.New("serve.panel.submit", "签署并提交", "Sign and commit"),
	"commits":    msg.New("serve.panel.commits", "以 git 当前身份提交本文件，提交说明为“%s：标题”。", "Commits this file as git's current identity, with the message \"%s：<title>\"."),
	"next":       msg.New("serve.panel.next", "下一步：%s，等待 %s 签署。", "Next: %s, waiting for %s to sign."),
	"nobody":     msg.New("serve.panel.nobody", "（无人可签）", "(nobody may sign)"),
	"no_person":  msg.New("serve.panel.no_person", "git 的作者邮箱不在 gongkai.yaml 的 people: 中，无法在此签署。", "git's author email is not under people: in gongkai.yaml, so you cannot sign here."),
	"sep":        msg.New("serve.panel.sep", "、", ", "),
	"step":       msg.New("serve.panel.step", "%s（review.%s）", "%s (review.%s)"),
}

var panelTemplate = template.Must(template.New("panel").Funcs(template.FuncMap{
	"t":     func(key string, args ...any) string { return panelWords[key].F(args...) },
	"names": func(names []string) string { return strings.Join(names, panelWords["sep"].F()) },
}).Parse(`<section id="gongkai-review" aria-label="{{t "heading"}}" style="border:2px solid #b8860b;background:#fffbea;padding:1em;margin:1em 0;font-size:16px;line-height:1.6">
<h2 style="margin:0 0 .5em;font-size:1.1em">{{t "heading"}}</h2>
{{- if eq .Item.Status "fix"}}
<p><strong>{{t "fix"}}</strong>{{.Item.Fix.Path}}:{{.Item.Fix.Line}}:{{.Item.Fix.Col}}: {{.Item.Fix.ID}} {{.Item.Fix.Message}}</p>
<p>{{t "fix_by" (names .Item.WaitingOn)}}</p>
{{- else if .Mine}}
<form method="post" action="/_gongkai/review/sign">
<p>{{t "yours" .User.Name}}<strong>{{.NextStep}}</strong></p>
<input type="hidden" name="token" value="{{.Token}}">
<input type="hidden" name="path" value="{{.Path}}">
<input type="hidden" name="step" value="{{.Step.Key}}">
<input type="hidden" name="page" id="gongkai-review-page" value="">
{{- if eq .Purpose "content"}}
<fieldset><legend>{{t "opinion"}}</legend>
{{range $i, $v := index .Choices "opinion"}}
<label><input type="radio" name="opinion" value="{{$v}}"{{if not $i}} required{{end}}> {{$v}}</label>{{end}}</fieldset>
{{- else if eq .Purpose "secrecy"}}
<fieldset><legend>{{t "result"}}</legend>
{{range $i, $v := index .Choices "result"}}
<label><input type="radio" name="result" value="{{$v}}"{{if not $i}} required{{end}}> {{$v}}</label>{{end}}</fieldset>
<p><label>{{t "cleared"}}<input type="text" name="cleared"></label></p>
{{- else if eq .Purpose "release"}}
<p><label>{{t "disclosure"}}<select name="disclosure">
{{- range index .Choices "disclosure"}}
<option{{if eq $.Disclosure .}} selected{{end}}>{{.}}</option>{{end}}
</select></label></p>
{{- end}}
<p><label>{{t "date"}}<input type="date" name="at" value="{{.Today}}" required></label></p>
<p><button type="submit">{{t "submit"}}</button> {{t "commits" .Step.Label}}</p>
</form>
{{- else}}
<p>{{t "next" .NextStep (or (names .Item.WaitingOn) (t "nobody"))}}</p>
{{- if .Refusal}}<p>{{.Refusal}}</p>{{end}}
{{- if not .User}}<p>{{t "no_person"}}</p>{{end}}
{{- end}}
</section>
`))

var refusedTemplate = template.Must(template.New("refused").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main><h1>{{.Title}}</h1><pre id="gongkai-review-refusal" style="white-space:pre-wrap">{{.Msg}}</pre><p><a href="{{.Back}}">{{.BackText}}</a></p></main></body></html>
`))

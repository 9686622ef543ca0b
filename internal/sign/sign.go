// Package sign signs one review step of an article for the person whose git
// identity it is: it decides whether they may (the step is theirs by role,
// the article is not their own, every earlier step is done and the file has
// no error), writes only that step into the front matter in the file's own
// style (internal/frontedit), checks the result with the same rules as
// gongkai check before anything is written, and commits the file alone as
// the signer, so that provenance (GK060, GK061) holds by construction.
//
// `gongkai sign` and the review panel of `gongkai serve --pending` both call
// Prepare and Apply: one set of checks, one write, one commit.
package sign

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/frontedit"
	"gongkai/internal/project"
)

// Request is what the signer asks for. Fields left empty take their
// default (the next step, today) or are missing (MissingError).
type Request struct {
	Path  string // the article, relative to the repository root
	Step  string // the step's key or label; "" for the next step
	Email string // the signer's git author email
	At    string // 2025-03-04 or RFC 3339; "" for today in site.timezone

	Opinion    string   // content: 公开 | 不公开
	Result     string   // secrecy: 不涉密 | 涉密
	Cleared    []string // secrecy: the terms the reviewer clears
	Disclosure string   // release: the disclosure attribute it fixes
}

// Plan is a sign-off gongkai may make: checked, not yet written.
type Plan struct {
	Article *article.Article
	Step    *config.Step
	Signer  *config.Person
	Fields  []frontedit.Field
	// Old and New are the file's bytes before and after.
	Old, New []byte
	// Warnings are check's warnings about the file once signed.
	Warnings diag.List
}

// Message is the commit message: "<步骤>：<标题>".
func (pl *Plan) Message() string {
	return pl.Step.Label + "：" + strings.TrimSpace(pl.Article.FM.Title)
}

// Resolve finds who signs and which step, and refuses when that person may
// not sign it. It does not look at the step's fields.
func Resolve(p *project.Project, req Request) (*article.Article, *config.Step, *config.Person, error) {
	cfg := p.Config
	signer, err := signerOf(cfg, req.Email)
	if err != nil {
		return nil, nil, nil, err
	}
	a := findArticle(p, req.Path)
	switch {
	case a == nil:
		return nil, nil, nil, refuse(msgNoArticle.F(req.Path))
	case a.Broken:
		return nil, nil, nil, refuse(msgBroken.F(a.Path, firstError(p, a)))
	case a.FM.Withdrawn != nil:
		return nil, nil, nil, refuse(msgWithdrawn.F(a.Path))
	}
	step, err := stepOf(cfg, a, req.Step)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := mayStart(p, a, step); err != nil {
		return nil, nil, nil, err
	}
	if err := maySign(cfg, a, step, signer); err != nil {
		return nil, nil, nil, err
	}
	return a, step, signer, nil
}

// Prepare resolves the request, fills in the step's fields and computes the
// new file, which must pass every check; nothing is written.
func Prepare(p *project.Project, req Request) (*Plan, error) {
	a, step, signer, err := Resolve(p, req)
	if err != nil {
		return nil, err
	}
	fields, err := stepFields(p.Config, a, step, signer, req, p.Now)
	if err != nil {
		return nil, err
	}
	old, err := fs.ReadFile(p.FS, a.Path)
	if err != nil {
		return nil, refuse(msgCannotRead.F(a.Path, err))
	}
	src, err := frontedit.InsertStep(old, step.Key, fields)
	if err != nil {
		return nil, refuse(fmt.Sprintf("%s: %v", a.Path, err))
	}
	pl := &Plan{Article: a, Step: step, Signer: signer, Fields: fields, Old: old, New: src}
	if err := pl.check(p); err != nil {
		return nil, err
	}
	return pl, nil
}

// check opens the project with the new text in place and refuses when the
// file would have an error.
func (pl *Plan) check(p *project.Project) error {
	after, err := project.Open(overlay{p.FS, pl.Article.Path, pl.New}, p.Now)
	if err != nil {
		return err
	}
	var errs diag.List
	for _, f := range after.Findings.ForPath(pl.Article.Path) {
		if f.Severity == diag.Error {
			errs = append(errs, f)
		} else {
			pl.Warnings = append(pl.Warnings, f)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return refuse(msgWouldBreak.F(stepName(pl.Step), listFindings(errs)))
}

// signerOf returns the person whose email git uses.
func signerOf(cfg *config.Config, email string) (*config.Person, error) {
	if strings.TrimSpace(email) == "" {
		return nil, refuse(msgNoEmail.F())
	}
	p := cfg.PersonByEmail(email)
	if p == nil {
		return nil, refuse(msgUnknownEmail.F(email))
	}
	return p, nil
}

func findArticle(p *project.Project, path string) *article.Article {
	path = strings.TrimPrefix(path, "./")
	for _, a := range p.Articles {
		if a.Path == path {
			return a
		}
	}
	return nil
}

// stepOf returns the step named (by key or label), or the next one.
func stepOf(cfg *config.Config, a *article.Article, name string) (*config.Step, error) {
	chain := strings.Join(cfg.StepKeys(), " → ")
	if name == "" {
		s := a.NextStep(cfg)
		if s == nil {
			return nil, refuse(msgAllSigned.F(a.Path))
		}
		return s, nil
	}
	for i := range cfg.ReviewChain {
		if s := &cfg.ReviewChain[i]; s.Key == name || s.Label == name {
			if i >= cfg.ChainEnd(string(a.FM.Disclosure)) {
				return nil, refuse(msgBeyondEnd.F(a.FM.Disclosure, stepName(s)))
			}
			return s, nil
		}
	}
	return nil, refuse(msgNoSuchStep.F(name, chain))
}

// mayStart refuses a step already there, one whose earlier steps are
// missing, and an article with errors (the step would approve them).
func mayStart(p *project.Project, a *article.Article, step *config.Step) error {
	cfg := p.Config
	if st := a.FM.Review[step.Key]; st.Complete() {
		return refuse(msgAlreadySigned.F(stepName(step), st.By, st.At.Day()))
	} else if st != nil && (st.By != "" || !st.At.IsZero()) {
		return refuse(msgHalfSigned.F(stepName(step)))
	}
	for i := range cfg.ReviewChain[:cfg.StepIndex(step.Key)] {
		s := &cfg.ReviewChain[i]
		if !a.FM.Review[s.Key].Complete() {
			return refuse(msgEarlierMissing.F(stepName(s), stepName(step), who(check.MaySign(cfg, a, s))))
		}
	}
	errs := p.Findings.ForPath(a.Path).Errors()
	if len(errs) == 0 {
		return nil
	}
	item, _ := check.QueueItem(cfg, a, errs, p.Now)
	return refuse(msgHasErrors.F(a.Path, len(errs), who(item.WaitingOn), listFindings(errs)))
}

// maySign refuses a person the chain does not allow, and an author.
func maySign(cfg *config.Config, a *article.Article, step *config.Step, signer *config.Person) error {
	others := check.MaySign(cfg, a, step)
	if slices.Contains(a.FM.Authors, signer.Name) {
		return refuse(msgOwnArticle.F(signer.Name, stepName(step), askOthers(others)))
	}
	important := a.NeedsPrincipal(cfg)
	if !slices.Contains(cfg.MaySign(step, a.FM.Department, important), signer.Name) {
		return refuse(msgNotYours.F(signer.Name, stepName(step), needs(step, a.FM.Department, important), askOthers(others)))
	}
	return nil
}

// stepFields returns by, at (by default the day of now in site.timezone)
// and the fields the step's purpose records.
func stepFields(cfg *config.Config, a *article.Article, step *config.Step, signer *config.Person, req Request, now time.Time) ([]frontedit.Field, error) {
	at := strings.TrimSpace(req.At)
	if at == "" {
		at = now.In(cfg.Location).Format("2006-01-02")
	} else if _, err := article.ParseDate(at, cfg.Location); err != nil {
		return nil, usage(msgBadDate.F(at))
	}
	fields := []frontedit.Field{{Key: "by", Value: signer.Name}, {Key: "at", Value: at}}
	var missing []string
	var bad error
	need := func(flag, value string, allowed []string) {
		switch {
		case value == "":
			missing = append(missing, flag)
		case !slices.Contains(allowed, value):
			bad = usage(msgBadValue.F(flag, value, strings.Join(allowed, "、")))
		default:
			fields = append(fields, frontedit.Field{Key: flag, Value: value})
		}
	}
	switch step.Purpose {
	case config.PurposeContent:
		need("opinion", req.Opinion, Choices["opinion"])
	case config.PurposeSecrecy:
		need("result", req.Result, Choices["result"])
		if len(req.Cleared) > 0 {
			fields = append(fields, frontedit.Field{Key: "cleared", List: req.Cleared, IsList: true})
		}
	case config.PurposeRelease:
		d := req.Disclosure
		if alias := Disclosure(d); alias != "" {
			d = alias
		}
		need("disclosure", d, Choices["disclosure"])
	}
	if bad != nil {
		return nil, bad
	}
	if len(missing) > 0 {
		return nil, &MissingError{Step: step, Flags: missing}
	}
	return fields, nil
}

// Choices are the values a step's field may take, by flag name.
var Choices = map[string][]string{
	"opinion":    {"公开", "不公开"},
	"result":     {"不涉密", "涉密"},
	"disclosure": {"主动公开", "内部公开", "依申请公开", "不予公开"},
}

// SplitTerms splits the cleared terms "词,词" at ASCII or full-width commas
// and 、, as --cleared and the review form give them.
func SplitTerms(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Disclosure returns the disclosure attribute for a name or alias
// (proactive …), or "".
func Disclosure(s string) string {
	switch strings.TrimSpace(s) {
	case "主动公开", "proactive":
		return "主动公开"
	case "内部公开", "internal":
		return "内部公开"
	case "依申请公开", "on-request":
		return "依申请公开"
	case "不予公开", "withheld":
		return "不予公开"
	}
	return ""
}

// Needs lists the fields (as flag names) the step records beyond by and at.
func Needs(step *config.Step) []string {
	switch step.Purpose {
	case config.PurposeContent:
		return []string{"opinion"}
	case config.PurposeSecrecy:
		return []string{"result", "cleared"}
	case config.PurposeRelease:
		return []string{"disclosure"}
	}
	return nil
}

// firstError is the first error about the file, as check prints it.
func firstError(p *project.Project, a *article.Article) string {
	if errs := p.Findings.ForPath(a.Path).Errors(); len(errs) > 0 {
		return errs[0].String()
	}
	return ""
}

// overlay is the repository with one file replaced.
type overlay struct {
	fs.FS
	path string
	src  []byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if name != o.path {
		return o.FS.Open(name)
	}
	return newMemFile(name, o.src), nil
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if name == o.path {
		return append([]byte(nil), o.src...), nil
	}
	return fs.ReadFile(o.FS, name)
}

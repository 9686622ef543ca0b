package sign

import (
	"io"
	"io/fs"
	"strings"
	"time"

	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// Refusal is gongkai declining to sign: the reason and who may sign
// instead. The command ran and said no (exit 1).
type Refusal struct{ Msg string }

func (r *Refusal) Error() string { return r.Msg }

func refuse(s string) error { return &Refusal{s} }

// UsageError is a request gongkai cannot read: a bad value or date (exit 2).
type UsageError struct{ Msg string }

func (u *UsageError) Error() string { return u.Msg }

func usage(s string) error { return &UsageError{s} }

// MissingError says which of the step's fields the request lacks, by flag
// name (opinion, result, disclosure); a terminal asks for them.
type MissingError struct {
	Step  *config.Step
	Flags []string
}

func (m *MissingError) Error() string {
	flags := make([]string, len(m.Flags))
	for i, f := range m.Flags {
		flags[i] = "--" + f
	}
	return msgMissing.F(stepName(m.Step), strings.Join(flags, " "))
}

var (
	msgNoEmail = msg.New("sign.no_email",
		"git 没有设置 user.email：gongkai 只为本人签署，以 git 的作者邮箱认定签署人；请先运行 git config user.email <你在 gongkai.yaml people: 中登记的邮箱>",
		"git has no user.email: gongkai signs only for you, identified by your git author email; run git config user.email <your email under people: in gongkai.yaml>")
	msgUnknownEmail = msg.New("sign.unknown_email",
		"git 的作者邮箱是 %s，gongkai.yaml 的 people: 中没有人登记此邮箱：gongkai 只为本人签署，不能代签；请把 git config user.email 设为本人登记的邮箱，或请管理员在 people: 中登记",
		"git's author email is %s, which no one under people: in gongkai.yaml has: gongkai signs only for you, never for someone else; set git config user.email to your registered email, or have it registered under people:")
	msgNoArticle = msg.New("sign.no_article",
		"%s 不是 content/ 下的稿件（.md 文件）：请给出稿件路径，例如 content/2025/meeting.md",
		"%s is not an article under content/ (a .md file): give the article's path, e.g. content/2025/meeting.md")
	msgBroken = msg.New("sign.broken",
		"%s 的前置元数据无法读取，不能签署；请作者先修正：%s",
		"the front matter of %s cannot be read, so it cannot be signed; the author must fix it first: %s")
	msgWithdrawn = msg.New("sign.withdrawn",
		"%s 已撤回（withdrawn），不再签署审核步骤",
		"%s is withdrawn: its review steps are no longer signed")
	msgAllSigned = msg.New("sign.all_signed",
		"%s 的审核链已全部签署，没有待签的步骤",
		"every step of %s's review chain is signed: nothing waits to be signed")
	msgBeyondEnd = msg.New("sign.beyond_end",
		"公开属性为%s的稿件审核链止于签发，不需要%s",
		"the review chain of %s information ends at sign-off: it needs no %s")
	msgNoSuchStep = msg.New("sign.no_such_step",
		"没有名为“%s”的审核步骤；审核链为 %s",
		"there is no review step %q; the chain is %s")
	msgAlreadySigned = msg.New("sign.already_signed",
		"%s已由 %s 于 %s 签署，gongkai sign 不改写已有的签署；如需重签，请签署人本人修改后提交",
		"%s was already signed by %s on %s: gongkai sign does not rewrite a sign-off; to sign again, the signer edits it and commits")
	msgHalfSigned = msg.New("sign.half_signed",
		"%s 已填写但不完整（缺 by 或 at）：请删去这一半的内容后再用 gongkai sign 签署",
		"%s is written but incomplete (by or at missing): remove it, then sign with gongkai sign")
	msgEarlierMissing = msg.New("sign.earlier_missing",
		"前一步%s尚未签署，不能签%s：请先由 %s 签署",
		"the earlier step %s is not signed, so %s cannot be signed yet: %s must sign it first")
	msgHasErrors = msg.New("sign.has_errors",
		"%s 有 %d 处错误，签署就等于批准了它们：请先由 %s 修正，再签署：\n%s",
		"%s has %d {error|errors}, which signing would approve: %s must correct {it|them} first:\n%s")
	msgOwnArticle = msg.New("sign.own_article",
		"%s 是本文作者，不得签署本人稿件的%s：%s",
		"%s is an author of this article and may not sign its %s: %s")
	msgNotYours = msg.New("sign.not_yours",
		"%s 不能签署%s：这一步须由%s签署；%s",
		"%s may not sign %s: it is signed by %s; %s")
	msgWouldBreak = msg.New("sign.would_break",
		"签署%s后本文会有错误，文件未改动：\n%s",
		"signing %s would leave errors in the file, which is unchanged:\n%s")
	msgCannotRead = msg.New("sign.cannot_read",
		"无法读取 %s：%v",
		"cannot read %s: %v")
	msgBadDate = msg.New("sign.bad_date",
		"--at %s 不是日期：请写成 2025-03-04，或带时区的时间 2025-03-04T09:30:00+08:00",
		"--at %s is not a date: write 2025-03-04, or a time with offset, 2025-03-04T09:30:00+08:00")
	msgBadValue = msg.New("sign.bad_value",
		"--%s 不能是“%s”：只能是 %s",
		"--%s cannot be %q: it must be one of %s")
	msgMissing = msg.New("sign.missing",
		"签署%s须给出 %s（在终端上运行时会逐项询问）",
		"signing %s needs %s (on a terminal gongkai asks for it)")
	msgNobody = msg.New("sign.nobody",
		"（gongkai.yaml 中没有其他可签署的人，请在其中声明）",
		"(nobody else declared in gongkai.yaml may sign it: declare the signer there)")
	msgAskOthers = msg.New("sign.ask_others",
		"可请 %s 签署",
		"ask %s")
	msgNoOthers = msg.New("sign.no_others",
		"gongkai.yaml 中没有其他可签署的人，请在其中声明签署人",
		"nobody else declared in gongkai.yaml may sign it: declare the signer there")
	msgStepName = msg.New("sign.step_name", "%s（review.%s）", "%s (review.%s)")
	msgNameSep  = msg.New("sign.name_sep", "、", ", ")
	msgOr       = msg.New("sign.or", "或", " or ")
	msgHead     = msg.New("sign.head", "%s的科室负责人", "the head of %s")
	msgLeader   = msg.New("sign.leader", "%s的分管领导", "the leader in charge of %s")
	msgRole     = msg.New("sign.role", "具有 %s 角色的人员", "someone with the role %s")
)

// roleNames are the roles the default chain uses, as a 科长 says them.
var roleNames = map[string]msg.M{
	"secrecy":   msg.New("sign.role_secrecy", "保密审查员（secrecy）", "the 保密审查员 (role secrecy)"),
	"principal": msg.New("sign.role_principal", "主要领导（principal）", "the principal (role principal)"),
	"deputy":    msg.New("sign.role_deputy", "副职领导（deputy）", "a deputy (role deputy)"),
	"entry":     msg.New("sign.role_entry", "录入员（entry）", "the entry clerk (role entry)"),
}

func stepName(s *config.Step) string { return msgStepName.F(s.Label, s.Key) }

// who lists names, or says nobody else may sign.
func who(names []string) string {
	if len(names) == 0 {
		return msgNobody.F()
	}
	return strings.Join(names, msgNameSep.F())
}

// askOthers tells the person who may sign instead.
func askOthers(names []string) string {
	if len(names) == 0 {
		return msgNoOthers.F()
	}
	return msgAskOthers.F(strings.Join(names, msgNameSep.F()))
}

// needs describes who may sign the step: "办公室的科室负责人或副职领导（deputy）".
func needs(s *config.Step, dept string, important bool) string {
	signers := s.Signers
	if important && len(s.Important) > 0 {
		signers = s.Important
	}
	words := make([]string, len(signers))
	for i, r := range signers {
		switch r {
		case "head":
			words[i] = msgHead.F(dept)
		case "leader":
			words[i] = msgLeader.F(dept)
		default:
			if m, ok := roleNames[r]; ok {
				words[i] = m.F()
			} else {
				words[i] = msgRole.F(r)
			}
		}
	}
	return strings.Join(words, msgOr.F())
}

// listFindings prints findings one per line, indented.
func listFindings(l diag.List) string {
	var b strings.Builder
	for i, f := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("  " + f.String())
	}
	return b.String()
}

// memFile is a file held in memory, for the overlay.
type memFile struct {
	name string
	src  []byte
	off  int
}

func newMemFile(name string, src []byte) *memFile { return &memFile{name: name, src: src} }

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Read(b []byte) (int, error) {
	if f.off >= len(f.src) {
		return 0, io.EOF
	}
	n := copy(b, f.src[f.off:])
	f.off += n
	return n, nil
}

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return i.f.name[strings.LastIndex(i.f.name, "/")+1:] }
func (i memInfo) Size() int64        { return int64(len(i.f.src)) }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

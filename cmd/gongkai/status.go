package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/register"
	"gongkai/internal/sign"
)

var statusCmd = &command{
	name:  "status",
	usage: msg.New("cmd.status.usage", "[--me | --all] [--format text|json] [--now 时间]", "[--me | --all] [--format text|json] [--now T]"),
	short: msg.New("cmd.status.short", "按应由谁办理列出审核队列", "print the review queue grouped by who must act"),
	long: msg.New("cmd.status.long", `status 把审核中的每一篇稿件，列在应当办理的人员名下：有权签署下一步的人员，
或者——检查发现稿件有错误时（需修正）——应当修正的人员，并附上错误。
每一项都显示已等待的工作日数和可能超过的期限（迟报、录入）。

  --me            只列出等着你办理的（按 git config user.email 在 people: 中查找）；
                  在终端上、且该邮箱已声明时默认如此
  --all           列出所有人
  --format text|json
  --now 时间      统计所用的时间（2025-03-04 或 RFC 3339 格式）`, `Status lists every article in review under the people who must act on it:
who may sign its next step, or — when check found an error in it (需修正) —
who must correct it, with the error. Each waiting item shows how many
working days it has waited and the deadline it risks (迟报, 录入).

  --me            only what waits on you (git config user.email in people:);
                  the default on a terminal when that email is declared
  --all           everyone
  --format text|json
  --now T         the clock (2025-03-04 or RFC 3339)`),
}

func init() { statusCmd.run = runStatus }

var (
	msgStatusEmpty = msg.New("status.empty",
		"审核队列为空：没有待审核或需修正的稿件。",
		"the review queue is empty: nothing waits to be signed or corrected.")
	msgStatusNoneForMe = msg.New("status.none_for_me",
		"没有等待%s处理的稿件（在审 %d 篇，gongkai status --all 查看全部）。",
		"nothing waits on %s (%d in review; gongkai status --all lists them all).")
	msgStatusMeFooter = msg.New("status.me_footer",
		"（只列出等待%s的稿件；gongkai status --all 查看全部 %d 篇）",
		"(only what waits on %s; gongkai status --all lists all %d)")
	msgStatusPerson = msg.New("status.person",
		"%s（%d 篇）",
		"%s (%d)")
	msgStatusNobody = msg.New("status.nobody",
		"无人可签（%d 篇）：gongkai.yaml 中没有可签署下一步的人，作者本人不得签署；请在 gongkai.yaml 中声明签署人",
		"nobody may sign (%d): gongkai.yaml declares no one for the next step and authors may not sign; declare the signer in gongkai.yaml")
	msgStatusReviewItem = msg.New("status.review_item",
		"  待%s  %s  %s",
		"  %s  %s  %s")
	msgStatusFixItem = msg.New("status.fix_item",
		"  需修正  %s  %s",
		"  to correct  %s  %s")
	msgStatusDetail    = msg.New("status.detail", "      %s", "      %s")
	msgStatusMeUnknown = msg.New("status.me_unknown",
		"status --me：git config user.email 为“%s”，gongkai.yaml 的 people: 中没有此邮箱；请设置本人邮箱（git config user.email 你的邮箱），或用 --all",
		"status --me: git config user.email is %q, which no one under people: in gongkai.yaml has: set your own (git config user.email you@…), or use --all")
	msgStatusFormat = msg.New("status.format",
		"status：--format 只能是 text 或 json，不能是“%s”",
		"status: --format must be text or json, not %q")
	msgStatusMeAll = msg.New("status.me_all",
		"status：--me 与 --all 只能选一个",
		"status: --me and --all exclude each other")
)

func runStatus(ctx context.Context, env *env, args []string) error {
	fs := newFlags(statusCmd, env)
	nowFlag := fs.String("now", "", "the time to report at")
	me := fs.Bool("me", false, "only what waits on you")
	all := fs.Bool("all", false, "everyone's queue")
	format := fs.String("format", "text", "text or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError("%s", msgStatusFormat.F(*format))
	}
	if *me && *all {
		return usageError("%s", msgStatusMeAll.F())
	}
	now, err := parseNow(env, *nowFlag)
	if err != nil {
		return err
	}
	p, err := openProject(env, now)
	if err != nil {
		return err
	}
	if *format == "text" {
		printDueRequests(env.stdout, p)
	}
	pending := p.Pending()
	var user *config.Person
	email := sign.Identity(ctx, env.dir)
	switch {
	case *me:
		if user = p.Config.PersonByEmail(email); user == nil {
			return usageError("%s", msgStatusMeUnknown.F(email))
		}
	case !*all && *format == "text" && onTerminal(env.stdout):
		user = p.Config.PersonByEmail(email)
	}
	if *format == "json" {
		return writeStatusJSON(env.stdout, pending, user, dueRequests(p))
	}
	writeStatus(env.stdout, p, pending, user)
	return nil
}

// waitingOn returns the items that wait on the person.
func waitingOn(pending []check.Pending, name string) []check.Pending {
	var out []check.Pending
	for _, q := range pending {
		if slices.Contains(q.WaitingOn, name) {
			out = append(out, q)
		}
	}
	return out
}

func writeStatusJSON(w io.Writer, pending []check.Pending, user *config.Person, due []register.DueJSON) error {
	out := map[string]any{"user": nil, "requests_due": due}
	if user != nil {
		out["user"] = user.Name
		pending = waitingOn(pending, user.Name)
	}
	if pending == nil {
		pending = []check.Pending{}
	}
	out["pending"] = pending
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeStatus prints the queue under each person who must act, people in
// pinyin order, the items nobody may sign last.
func writeStatus(w io.Writer, p *project.Project, pending []check.Pending, user *config.Person) {
	if len(pending) == 0 {
		fmt.Fprintln(w, msgStatusEmpty.F())
		return
	}
	byPerson := map[string][]check.Pending{}
	var nobody []check.Pending
	for _, q := range pending {
		if len(q.WaitingOn) == 0 {
			nobody = append(nobody, q)
		}
		for _, n := range q.WaitingOn {
			byPerson[n] = append(byPerson[n], q)
		}
	}
	names := make([]string, 0, len(byPerson))
	for n := range byPerson {
		names = append(names, n)
	}
	sortNames(names)
	if user != nil {
		mine := byPerson[user.Name]
		if len(mine) == 0 {
			fmt.Fprintln(w, msgStatusNoneForMe.F(user.Name, len(pending)))
			return
		}
		writeGroup(w, p, msgStatusPerson.F(user.Name, len(mine)), mine)
		fmt.Fprintln(w, msgStatusMeFooter.F(user.Name, len(pending)))
		return
	}
	for i, n := range names {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeGroup(w, p, msgStatusPerson.F(n, len(byPerson[n])), byPerson[n])
	}
	if len(nobody) > 0 {
		fmt.Fprintln(w)
		writeGroup(w, p, msgStatusNobody.F(len(nobody)), nobody)
	}
}

// writeGroup prints one person's items: corrections first, then the longest
// waits.
func writeGroup(w io.Writer, p *project.Project, header string, items []check.Pending) {
	items = slices.Clone(items)
	sort.SliceStable(items, func(i, j int) bool {
		if fi, fj := items[i].Status == "fix", items[j].Status == "fix"; fi != fj {
			return fi
		}
		if items[i].WaitingDays != items[j].WaitingDays {
			return items[i].WaitingDays > items[j].WaitingDays
		}
		return items[i].Path < items[j].Path
	})
	fmt.Fprintln(w, header)
	for _, q := range items {
		if q.Status == "fix" {
			fmt.Fprintln(w, msgStatusFixItem.F(q.Path, q.Title))
			fmt.Fprintln(w, msgStatusDetail.F(fixFinding(q)))
			continue
		}
		fmt.Fprintln(w, msgStatusReviewItem.F(stepLabel(p, q.NextStep), q.Path, q.Title))
		if t := waitText(q); t != "" {
			fmt.Fprintln(w, msgStatusDetail.F(t))
		}
	}
}

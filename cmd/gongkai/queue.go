package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"gongkai/internal/check"
	"gongkai/internal/msg"
	"gongkai/internal/project"
)

// The review queue's wording, shared by check (its pending list) and status.
var (
	msgQueueHeader = msg.New("queue.header",
		"审核队列（%d 篇）：",
		"pending review (%d):")
	msgQueueReview = msg.New("queue.review",
		"  %s：下一步 %s，等待 %s 签署",
		"  %s: next %s, waiting on %s")
	msgQueueFix = msg.New("queue.fix",
		"  %s：需修正，由 %s 修正：%s",
		"  %s: to be corrected by %s: %s")
	msgQueueFixNobody = msg.New("queue.fix_nobody",
		"  %s：需修正，应修正此处的人（作者或签署人）没有登记在 gongkai.yaml 的 people: 中，请信息员修正：%s",
		"  %s: to be corrected; whoever should correct it (the author or the signer) is not declared in gongkai.yaml's people:, so the editor corrects it: %s")
	msgQueueNobodyLine = msg.New("queue.nobody_line",
		"  %s：下一步 %s，%s",
		"  %s: next %s, waiting on %s")
	msgQueueNobody = msg.New("queue.nobody",
		"无人可签（gongkai.yaml 中没有可签署此步骤的人，作者本人不得签署：请声明科室负责人、分管领导或具有相应角色的人员）",
		"nobody (gongkai.yaml declares no one who may sign this step, and authors may not: declare the department's head or leader, or people with the role)")
	msgQueueNames = msg.New("queue.names_sep", "、", ", ")
	msgStepLabel  = msg.New("queue.step_label", "%s（%s）", "%s (%s)")
	msgWaited     = msg.New("queue.waited",
		"已等 %d 个工作日（自 %s 起）",
		"waiting %d working {day|days} (since %s)")
	msgWorkdays   = msg.New("queue.workdays", "%d 个工作日", "%d working {day|days}")
	msgDays       = msg.New("queue.days", "%d 天", "%d {day|days}")
	msgReportDL   = msg.New("queue.deadline_report", "报送期限 %s", "reporting deadline %s")
	msgEntryDL    = msg.New("queue.deadline_entry", "录入期限 %s", "entry deadline %s")
	msgDLLeft     = msg.New("queue.deadline_left", "%s，还剩 %s", "%s, %s left")
	msgDLToday    = msg.New("queue.deadline_today", "%s，即今日", "%s: today")
	msgDLPassed   = msg.New("queue.deadline_passed", "%s，已超 %s", "%s, passed %s ago")
	msgDLLate     = msg.New("queue.deadline_late", "（迟报）", " (迟报, late)")
	msgFixFinding = msg.New("queue.fix_finding",
		"%s:%d:%d: %s %s",
		"%s:%d:%d: %s %s")
)

// printPending prints check's pending list: one line per article.
func printPending(w io.Writer, pending []check.Pending, p *project.Project) {
	if len(pending) == 0 {
		return
	}
	fmt.Fprintln(w, msgQueueHeader.F(len(pending)))
	for _, q := range pending {
		if q.Status == "fix" && len(q.WaitingOn) == 0 {
			fmt.Fprintln(w, msgQueueFixNobody.F(q.Path, fixFinding(q)))
			continue
		}
		if q.Status == "fix" {
			fmt.Fprintln(w, msgQueueFix.F(q.Path, whoList(q.WaitingOn), fixFinding(q)))
			continue
		}
		if len(q.WaitingOn) == 0 {
			fmt.Fprintln(w, msgQueueNobodyLine.F(q.Path, stepLabel(p, q.NextStep), msgQueueNobody.F()))
			continue
		}
		fmt.Fprintln(w, msgQueueReview.F(q.Path, stepLabel(p, q.NextStep), whoList(q.WaitingOn)))
	}
}

// whoList joins names, or says that nobody may act.
func whoList(names []string) string {
	if len(names) == 0 {
		return msgQueueNobody.F()
	}
	return strings.Join(names, msgQueueNames.F())
}

// fixFinding writes the error to correct as check prints it.
func fixFinding(q check.Pending) string {
	f := q.Fix
	return msgFixFinding.F(f.Path, f.Line, f.Col, f.ID, f.Message)
}

// stepLabel names a step as "保密审查（secrecy）".
func stepLabel(p *project.Project, key string) string {
	if i := p.Config.StepIndex(key); i >= 0 {
		return msgStepLabel.F(p.Config.ReviewChain[i].Label, key)
	}
	return key
}

// waitText describes how long an item has waited and the deadline it risks:
// "已等 3 个工作日（自 2025-03-17 起）；报送期限 2025-03-18，已超 2 个工作日（迟报）".
func waitText(q check.Pending) string {
	var parts []string
	if q.Since != "" {
		parts = append(parts, msgWaited.F(q.WaitingDays, q.Since))
	}
	if d := q.Deadline; d != nil {
		unit := msgWorkdays
		if d.Calendar {
			unit = msgDays
		}
		name := msgEntryDL.F(d.Date)
		if d.Kind == "report" {
			name = msgReportDL.F(d.Date)
		}
		switch {
		case d.DaysLeft > 0:
			parts = append(parts, msgDLLeft.F(name, unit.F(d.DaysLeft)))
		case d.DaysLeft == 0:
			parts = append(parts, msgDLToday.F(name))
		default:
			s := msgDLPassed.F(name, unit.F(-d.DaysLeft))
			if d.Kind == "report" {
				s += msgDLLate.F()
			}
			parts = append(parts, s)
		}
	}
	sep := "；"
	if msg.Current() == msg.EN {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

// sortNames sorts Chinese names by pinyin (the CLDR Chinese collation).
func sortNames(names []string) {
	collate.New(language.Chinese).SortStrings(names)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

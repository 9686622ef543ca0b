package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"gongkai/internal/markdown"
	"gongkai/internal/msg"
	"gongkai/internal/register"
)

var (
	msgPreamble = msg.New("report.annual_preamble",
		"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。",
		"This report follows the Regulations on the Disclosure of Government Information and the annual report format of 国办公开办函〔2021〕30号. Its figures cover 1 January to 31 December of %d (year %d).")
	msgSkeletonOverview = msg.New("report.annual_skeleton_overview",
		"（本节是 gongkai 按统计数字生成的草稿，请办公室据实修改后保存为 annual/%d.md。）\n\n"+
			"%d年，%s坚持以公开为常态、不公开为例外，认真贯彻落实《条例》。\n\n"+
			"1. **主动公开方面，**全年在本网站主动公开政府信息%d条，其中制发规章%d件、行政规范性文件%d件。\n"+
			"2. **依申请公开方面，**全年新收政府信息公开申请%d件，上年结转%d件，办结%d件，结转下年度继续办理%d件。\n"+
			"3. **复议诉讼方面，**因政府信息公开被申请行政复议%d件，被提起行政诉讼%d件。",
		"(A draft gongkai made from the figures: the office edits it and saves it as annual/%d.md.)\n\n"+
			"In %d, %s disclosed government information as the rule.\n\n"+
			"1. Proactive disclosure: %d items published on the site, %d regulations and %d normative documents issued.\n"+
			"2. On request: %d requests received, %d carried over, %d answered, %d carried into next year.\n"+
			"3. Appeals: %d administrative reconsiderations and %d lawsuits about disclosure.")
	msgSkeletonProblems = msg.New("report.annual_skeleton_problems",
		"（请办公室填写本年度存在的主要问题及改进措施。）",
		"(The office writes the main problems of the year and how they are being addressed.)")
	msgSkeletonOther = msg.New("report.annual_skeleton_other",
		"（请办公室填写需要报告的其他事项，如依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。）",
		"(The office writes the other matters to report, such as the processing fees charged.)")
	msgYearNotEnded = msg.New("report.annual_year_not_ended",
		"%d年尚未结束：报告统计到 %s，年度结束后请重新生成",
		"%d has not ended: the report counts up to %s; produce it again after the year's end")
	msgYearNotBegun = msg.New("report.annual_year_not_begun",
		"%d年尚未开始：报告中没有可统计的数字",
		"%d has not begun: the report has nothing to count")
	msgCalendarUnknown = msg.New("report.annual_calendar_unknown",
		"工作日历中没有%d年的节假日安排：答复期限按周一至周五计算，请在 gongkai.yaml 的 calendar: 文件中补充",
		"the working-day calendar does not know %d: reply deadlines count Monday–Friday; add the year's schedule to the calendar file (gongkai.yaml calendar:)")
	msgNoNarrative = msg.New("report.annual_no_narrative",
		"没有 annual/%d.md：一、五、六节是按统计数字生成的草稿，请办公室修改后保存为该文件",
		"there is no annual/%d.md: sections 一, 五 and 六 are a draft from the figures; the office edits it and saves it as that file")
)

// The headings of the report's sections, as the template prints them.
const (
	headOverview  = "一、总体情况"
	headProactive = "二、主动公开政府信息情况"
	headRequests  = "三、收到和处理政府信息公开申请情况"
	headAppeals   = "四、政府信息公开行政复议、行政诉讼情况"
	headProblems  = "五、存在的主要问题及改进情况"
	headOther     = "六、其他需要报告的事项"
	requestCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
)

// Warnings lists what the person producing the report should know: the
// year has not ended, its calendar is unknown, the text is a skeleton.
func (r *Annual) Warnings(src *Source) []string {
	var out []string
	switch {
	case src.Now.Before(r.Period.Start):
		out = append(out, msgYearNotBegun.F(r.Year))
	case src.Now.Add(time.Nanosecond).Before(r.Period.End): // --now 2025-12-31 is the year's last instant

		out = append(out, msgYearNotEnded.F(r.Year, day(r.Cutoff.In(src.Config.Location))))
	}
	if !src.Config.Calendar.Known(r.Year) {
		out = append(out, msgCalendarUnknown.F(r.Year))
	}
	if r.Skeleton {
		out = append(out, msgNoNarrative.F(r.Year))
	}
	return out
}

func (r *Annual) skeleton() register.Narrative {
	d, q := r.Documents, r.Requests
	return register.Narrative{
		Overview: msgSkeletonOverview.F(r.Year, r.Year, r.doc.Org, r.Published, d[0].Issued, d[1].Issued,
			q.New[totalColumn], q.Carried[totalColumn], q.Total[totalColumn], q.Out[totalColumn], r.Appeals[0][4], r.Appeals[1][4]+r.Appeals[2][4]),
		Problems: msgSkeletonProblems.F(),
		Other:    msgSkeletonOther.F(),
	}
}

// annualRow is a row of one of the report's tables: a parent row has no
// cells.
type annualRow struct {
	Label string
	Cells []float64
}

// annualTable is one table of the report as the template prints it.
type annualTable struct {
	Heading string   // 第二十条第（一）项, 三、收到和处理政府信息公开申请情况 …
	Corner  string   // the first header cell
	Columns []string // the header cells after the corner
	Rows    []annualRow
}

func row(label string, cells ...float64) annualRow { return annualRow{Label: label, Cells: cells} }

func cells(c Cells) []float64 {
	out := make([]float64, len(c))
	for i, n := range c {
		out[i] = float64(n)
	}
	return out
}

// proactiveTables are the four tables of 二.
func (r *Annual) proactiveTables() []*annualTable {
	docs := &annualTable{Heading: "第二十条第（一）项", Corner: "信息内容", Columns: []string{"本年制发件数", "本年废止件数", "现行有效件数"}}
	for _, d := range r.Documents {
		docs.Rows = append(docs.Rows, row(d.Class, float64(d.Issued), float64(d.Repealed), float64(d.Valid)))
	}
	f := r.Figures
	return []*annualTable{docs,
		{Heading: "第二十条第（五）项", Corner: "信息内容", Columns: []string{"本年处理决定数量"},
			Rows: []annualRow{row("行政许可", float64(f.Licensing))}},
		{Heading: "第二十条第（六）项", Corner: "信息内容", Columns: []string{"本年处理决定数量"},
			Rows: []annualRow{row("行政处罚", float64(f.Penalties)), row("行政强制", float64(f.Enforcement))}},
		{Heading: "第二十条第（八）项", Corner: "信息内容", Columns: []string{"本年收费金额（单位：万元）"},
			Rows: []annualRow{row("行政事业性收费", f.Fees)}},
	}
}

// requestTable is table 三, every row labelled as the template prints it.
func (r *Annual) requestTable() *annualTable {
	q := r.Requests
	t := &annualTable{Heading: headRequests, Corner: requestCorner, Columns: append(append([]string{}, register.ApplicantTypes...), "总计")}
	t.Rows = append(t.Rows,
		row("一、本年新收政府信息公开申请数量", cells(q.New)...),
		row("二、上年结转政府信息公开申请数量", cells(q.Carried)...),
		row("三、本年度办理结果"))
	i := 0
	for _, g := range register.Results {
		if len(g.Items) == 0 {
			t.Rows = append(t.Rows, row(g.Label, cells(q.Results[i])...))
			i++
			continue
		}
		t.Rows = append(t.Rows, row(g.Label))
		for j := range g.Items {
			t.Rows = append(t.Rows, row(g.ItemLabel(j), cells(q.Results[i])...))
			i++
		}
	}
	t.Rows = append(t.Rows, row("（七）总计", cells(q.Total)...), row("四、结转下年度继续办理", cells(q.Out)...))
	for k := range t.Rows {
		if t.Rows[k].Cells == nil {
			t.Rows[k].Cells = []float64{}
		}
	}
	return t
}

// appealLabels are the kinds of table 四 as rows.
var appealLabels = []string{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"}

// appealTable is table 四: its 15 cells, one row per kind.
func (r *Annual) appealTable() *annualTable {
	t := &annualTable{Heading: headAppeals, Corner: "", Columns: []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}}
	for k, label := range appealLabels {
		c := make([]float64, 5)
		for i, n := range r.Appeals[k] {
			c[i] = float64(n)
		}
		t.Rows = append(t.Rows, row(label, c...))
	}
	return t
}

// Write prints the whole report: md (also for text), html (a printable
// document), json (the tables) or csv (the tables).
func (r *Annual) Write(w io.Writer, format string) error {
	switch format {
	case "md", "text":
		return r.writeMarkdown(w, true)
	case "html":
		return r.writeHTML(w)
	case "json":
		return r.writeJSON(w)
	}
	var ts []*table
	for _, at := range r.allTables() {
		ts = append(ts, at.table())
	}
	return write(w, format, r.Title, ts, nil, r.doc)
}

// Body returns the report in Markdown without its title, as the body of
// the article --save writes.
func (r *Annual) Body() []byte {
	var b strings.Builder
	r.writeMarkdown(&b, false)
	return []byte(b.String())
}

// table is the annual table in the form of the other reports' tables.
func (t *annualTable) table() *table {
	out := &table{Title: t.Heading, Header: append([]string{t.Corner}, t.Columns...)}
	out.Right = make([]bool, len(out.Header))
	for i := 1; i < len(out.Right); i++ {
		out.Right[i] = true
	}
	for _, r := range t.Rows {
		line := []string{r.Label}
		for _, c := range r.Cells {
			line = append(line, number(c))
		}
		for len(line) < len(out.Header) {
			line = append(line, "")
		}
		out.Rows = append(out.Rows, line)
	}
	return out
}

func (r *Annual) writeMarkdown(w io.Writer, title bool) error {
	bw := bufio.NewWriter(w)
	if title {
		fmt.Fprintf(bw, "# %s\n\n", r.Title)
	}
	fmt.Fprintf(bw, "%s\n\n## %s\n\n%s\n\n## %s\n", r.Text.Preamble, headOverview, r.Text.Overview, headProactive)
	for _, t := range r.proactiveTables() {
		fmt.Fprintf(bw, "\n**%s**\n\n", t.Heading)
		mdTable(bw, t)
	}
	fmt.Fprintf(bw, "\n## %s\n\n", headRequests)
	mdTable(bw, r.requestTable())
	fmt.Fprintf(bw, "\n## %s\n\n", headAppeals)
	mdTable(bw, r.appealTable())
	fmt.Fprintf(bw, "\n## %s\n\n%s\n\n## %s\n\n%s\n", headProblems, r.Text.Problems, headOther, r.Text.Other)
	return bw.Flush()
}

func mdTable(w *bufio.Writer, t *annualTable) {
	tb := t.table()
	mdRow(w, tb.Header)
	align := []string{"---"}
	for range t.Columns {
		align = append(align, "---:")
	}
	mdRow(w, align)
	for _, r := range tb.Rows {
		mdRow(w, r)
	}
}

// writeJSON prints the tables in the template's order, keyed by their
// heading as printed, one row per line:
//
//	{"year": 2025, "title": "…", "tables": {"第二十条第（一）项": {"columns": […],
//	  "rows": [{"label": "规章", "cells": [0, 0, 0]}, …]}, …}}
func (r *Annual) writeJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	str := func(s string) string { b, _ := marshal(s); return string(b) }
	fmt.Fprintf(bw, "{\n  \"year\": %d,\n  \"title\": %s,\n  \"tables\": {", r.Year, str(r.Title))
	for i, t := range r.allTables() {
		if i > 0 {
			bw.WriteString(",")
		}
		cols, _ := marshal(t.Columns)
		fmt.Fprintf(bw, "\n    %s: {\n      \"columns\": %s,\n      \"rows\": [", str(t.Heading), strings.ReplaceAll(string(cols), "\",\"", "\", \""))
		for j, row := range t.Rows {
			if j > 0 {
				bw.WriteString(",")
			}
			cells := make([]string, len(row.Cells))
			for k, c := range row.Cells {
				cells[k] = number(c)
			}
			fmt.Fprintf(bw, "\n        {\"label\": %s, \"cells\": [%s]}", str(row.Label), strings.Join(cells, ", "))
		}
		bw.WriteString("\n      ]\n    }")
	}
	bw.WriteString("\n  }\n}\n")
	return bw.Flush()
}

// allTables are the report's tables in the template's order.
func (r *Annual) allTables() []*annualTable {
	return append(append(r.proactiveTables(), r.requestTable()), r.appealTable())
}

// marshal is json.Marshal without escaping <, > and &.
func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeHTML prints the report as a printable document.
func (r *Annual) writeHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	md := markdown.New(markdown.Options{})
	text := func(s string) {
		res, err := md.Render([]byte(s), nil)
		if err != nil {
			fmt.Fprintf(bw, "<p>%s</p>\n", e(s))
			return
		}
		bw.Write(res.HTML)
	}
	r.doc.head(bw, r.Title)
	text(r.Text.Preamble)
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headOverview)
	text(r.Text.Overview)
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headProactive)
	for _, t := range r.proactiveTables() {
		htmlProactive(bw, t)
	}
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headRequests)
	r.htmlRequests(bw)
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headAppeals)
	r.htmlAppeals(bw)
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headProblems)
	text(r.Text.Problems)
	fmt.Fprintf(bw, "<h2>%s</h2>\n", headOther)
	text(r.Text.Other)
	r.doc.foot(bw)
	return bw.Flush()
}

func htmlProactive(w *bufio.Writer, t *annualTable) {
	n := len(t.Columns) + 1
	fmt.Fprintf(w, "<table>\n<thead>\n<tr><th colspan=\"%d\" scope=\"colgroup\" class=\"group\">%s</th></tr>\n<tr><th scope=\"col\">%s</th>", n, t.Heading, t.Corner)
	for _, c := range t.Columns {
		fmt.Fprintf(w, "<th scope=\"col\">%s</th>", c)
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range t.Rows {
		fmt.Fprintf(w, "<tr><th scope=\"row\">%s</th>", html.EscapeString(r.Label))
		numCells(w, r.Cells)
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
}

func numCells(w *bufio.Writer, cs []float64) {
	for _, c := range cs {
		fmt.Fprintf(w, "<td class=\"num\">%s</td>", number(c))
	}
}

// htmlRequests prints table 三 with the template's merged cells.
func (r *Annual) htmlRequests(w *bufio.Writer) {
	q := r.Requests
	w.WriteString("<table class=\"requests\">\n<thead>\n")
	fmt.Fprintf(w, "<tr><th colspan=\"3\" rowspan=\"3\" scope=\"col\">%s</th><th colspan=\"7\" scope=\"colgroup\">申请人情况</th></tr>\n", requestCorner)
	w.WriteString("<tr><th rowspan=\"2\" scope=\"col\">自然人</th><th colspan=\"5\" scope=\"colgroup\">法人或其他组织</th><th rowspan=\"2\" scope=\"col\">总计</th></tr>\n<tr>")
	for _, c := range register.ApplicantTypes[1:] {
		fmt.Fprintf(w, "<th scope=\"col\">%s</th>", c)
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	whole := func(label string, c Cells) {
		fmt.Fprintf(w, "<tr><th colspan=\"3\" scope=\"row\">%s</th>", label)
		numCells(w, cells(c))
		w.WriteString("</tr>\n")
	}
	whole("一、本年新收政府信息公开申请数量", q.New)
	whole("二、上年结转政府信息公开申请数量", q.Carried)
	span := len(register.ResultValues()) + 1
	first := fmt.Sprintf("<th rowspan=\"%d\" scope=\"rowgroup\">三、本年度办理结果</th>", span)
	i := 0
	for _, g := range register.Results {
		if len(g.Items) == 0 {
			fmt.Fprintf(w, "<tr>%s<th colspan=\"2\" scope=\"row\">%s</th>", first, g.Label)
			first = ""
			numCells(w, cells(q.Results[i]))
			w.WriteString("</tr>\n")
			i++
			continue
		}
		for j := range g.Items {
			w.WriteString("<tr>" + first)
			first = ""
			if j == 0 {
				fmt.Fprintf(w, "<th rowspan=\"%d\" scope=\"rowgroup\">%s</th>", len(g.Items), g.Label)
			}
			fmt.Fprintf(w, "<th scope=\"row\">%s</th>", html.EscapeString(g.ItemLabel(j)))
			numCells(w, cells(q.Results[i]))
			w.WriteString("</tr>\n")
			i++
		}
	}
	w.WriteString("<tr><th colspan=\"2\" scope=\"row\">（七）总计</th>")
	numCells(w, cells(q.Total))
	w.WriteString("</tr>\n")
	whole("四、结转下年度继续办理", q.Out)
	w.WriteString("</tbody>\n</table>\n")
}

// htmlAppeals prints table 四 as the template does: a three-row header over
// one row of 15 cells.
func (r *Annual) htmlAppeals(w *bufio.Writer) {
	results := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	w.WriteString("<table class=\"appeals\">\n<thead>\n")
	w.WriteString("<tr><th colspan=\"5\" scope=\"colgroup\">行政复议</th><th colspan=\"10\" scope=\"colgroup\">行政诉讼</th></tr>\n<tr>")
	for _, c := range results {
		fmt.Fprintf(w, "<th rowspan=\"2\" scope=\"col\">%s</th>", c)
	}
	w.WriteString("<th colspan=\"5\" scope=\"colgroup\">未经复议直接起诉</th><th colspan=\"5\" scope=\"colgroup\">复议后起诉</th></tr>\n<tr>")
	for range 2 {
		for _, c := range results {
			fmt.Fprintf(w, "<th scope=\"col\">%s</th>", c)
		}
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n<tr>")
	for _, k := range r.Appeals {
		for _, n := range k {
			fmt.Fprintf(w, "<td class=\"num\">%d</td>", n)
		}
	}
	w.WriteString("</tr>\n</tbody>\n</table>\n")
}

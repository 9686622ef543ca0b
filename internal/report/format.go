package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"gongkai/internal/msg"
)

// Formats lists the output formats every report can be written in.
var Formats = []string{"text", "md", "csv", "json", "html"}

// ValidFormat reports whether format is one of Formats.
func ValidFormat(format string) bool { return slices.Contains(Formats, format) }

// write prints a report's tables in format; json is the value printed for
// --format json.
func write(w io.Writer, format, title string, tables []*table, jsonValue any, doc docInfo) error {
	switch format {
	case "text":
		return writeText(w, title, tables...)
	case "md":
		return writeMarkdown(w, title, tables...)
	case "csv":
		return writeCSV(w, tables...)
	case "html":
		return writeHTML(w, title, doc, tables...)
	case "json":
		return writeJSON(w, jsonValue)
	}
	return msgUnknownFormat.Error(format)
}

// number formats a count, score or amount without trailing zeros.
func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// Write prints the report in format (text, md, csv, json or html).
func (r *Report) Write(w io.Writer, format string) error {
	return write(w, format, r.Title, []*table{r.table(), r.outletTable()}, r.jsonValue(), r.doc)
}

func (r *Report) outletTable() *table {
	t := &table{Title: "采用情况（按刊物）", Header: []string{"刊物", "级别", "采用篇次", "积分", "稿费（元）"},
		Right: []bool{false, false, true, true, true}, Empty: "本期没有采用记录。"}
	var n int
	var points, fee int64
	for _, o := range r.Outlets {
		t.Rows = append(t.Rows, []string{o.Outlet, o.Level, strconv.Itoa(o.Adopted), yuan(o.points), yuan(o.fee)})
		n, points, fee = n+o.Adopted, points+o.points, fee+o.fee
	}
	if len(t.Rows) > 0 {
		t.Foot = []string{"合计", "", strconv.Itoa(n), yuan(points), yuan(fee)}
	}
	return t
}

func (r *Report) table() *table {
	first := "科室"
	if r.By == ByAuthor {
		first = "作者"
	}
	t := &table{Header: append(append([]string{first, "报送", "发布"}, r.Levels...), "迟报", "积分", "稿费（元）")}
	if r.By == ByDepartment {
		t.Header = append(t.Header, "达标月数", "考核月数")
	}
	t.Right = make([]bool, len(t.Header))
	for i := 1; i < len(t.Right); i++ {
		t.Right[i] = true
	}
	for _, row := range r.Rows {
		t.Rows = append(t.Rows, r.cells(row))
	}
	t.Foot = r.cells(r.Total)
	return t
}

func (r *Report) cells(row Row) []string {
	c := []string{row.Name, strconv.Itoa(row.Submitted), strconv.Itoa(row.Published)}
	for _, n := range row.Adopted {
		c = append(c, strconv.Itoa(n))
	}
	c = append(c, strconv.Itoa(row.Late), number(row.Points), number(row.Fee))
	if r.By == ByDepartment {
		c = append(c, strconv.Itoa(row.Quota.Met), strconv.Itoa(row.Quota.Months))
	}
	return c
}

// jsonReport is the --format json shape of the periodic report (README),
// keys in this order.
type jsonReport struct {
	Period string    `json:"period"`
	By     Grouping  `json:"by"`
	Rows   []jsonRow `json:"rows"`
	Total  jsonRow   `json:"total"`
	// Outlets is the adoptions per outlet.
	Outlets []jsonOutlet `json:"outlets"`
}

type jsonOutlet struct {
	Outlet  string  `json:"outlet"`
	Level   string  `json:"level"`
	Adopted int     `json:"adopted"`
	Points  float64 `json:"points"`
	Fee     float64 `json:"fee"`
}

type jsonRow struct {
	Name      string      `json:"name"`
	Submitted int         `json:"submitted"`
	Published int         `json:"published"`
	Adopted   levelCounts `json:"adopted"`
	Late      int         `json:"late"`
	Points    float64     `json:"points"`
	Fee       float64     `json:"fee"`
	Quota     jsonQuota   `json:"quota"`
}

type jsonQuota struct {
	Months int `json:"months"`
	Met    int `json:"met"`
}

// levelCounts is an object keyed by level, in the order of scoring.levels.
type levelCounts struct {
	levels []string
	counts []int
}

// MarshalJSON writes {"国家": 1, "省": 0, …} in level order.
func (l levelCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, level := range l.levels {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(level)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%s:%d", k, l.counts[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (r *Report) jsonValue() jsonReport {
	out := jsonReport{Period: r.Period.Label, By: r.By, Rows: []jsonRow{}, Total: r.jsonRow(r.Total)}
	out.Outlets = []jsonOutlet{}
	for _, o := range r.Outlets {
		out.Outlets = append(out.Outlets, jsonOutlet{o.Outlet, o.Level, o.Adopted, float64(o.points) / 100, float64(o.fee) / 100})
	}
	for _, row := range r.Rows {
		out.Rows = append(out.Rows, r.jsonRow(row))
	}
	return out
}

func (r *Report) jsonRow(row Row) jsonRow {
	return jsonRow{
		Name: row.Name, Submitted: row.Submitted, Published: row.Published,
		Adopted: levelCounts{r.Levels, row.Adopted}, Late: row.Late,
		Points: row.Points, Fee: row.Fee, Quota: jsonQuota(row.Quota),
	}
}

var msgUnknownFormat = msg.New("report.unknown_format",
	"无法识别的输出格式“%s”（可选 text、md、csv、json、html）",
	"unknown format %q (text, md, csv, json or html)")

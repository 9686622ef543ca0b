package register

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// AnnualDir is the folder of the annual report's inputs.
const AnnualDir = "annual"

// Annual is what the office wrote for the year's report.
type Annual struct {
	Year int
	// Narrative is annual/<year>.md, nil when the file does not exist.
	Narrative *Narrative
	// Figures is annual/<year>.yaml (zero when the file does not exist).
	Figures Figures
	// Events is annual/<year>-events.yaml.
	Events []Event
}

// Figures are the counts gongkai cannot take from the articles.
type Figures struct {
	Licensing   int     `yaml:"licensing"`   // 行政许可 本年处理决定数量
	Penalties   int     `yaml:"penalties"`   // 行政处罚
	Enforcement int     `yaml:"enforcement"` // 行政强制
	Fees        float64 `yaml:"fees"`        // 行政事业性收费 本年收费金额（万元）
}

// Narrative is the office's text, by section of the report.
type Narrative struct {
	Preamble string // before the first section
	Overview string // 一、总体情况
	Problems string // 五、存在的主要问题及改进情况
	Other    string // 六、其他需要报告的事项
}

// Event is an occasion the office expected information about (漏报 when no
// article reports it).
type Event struct {
	Date       article.Date `yaml:"date"`
	Name       string       `yaml:"name"`
	Department string       `yaml:"department"`
}

// The sections of annual/<year>.md: a heading containing the word.
var sections = []struct {
	word string
	get  func(*Narrative) *string
}{
	{"总体情况", func(n *Narrative) *string { return &n.Overview }},
	{"存在的主要问题", func(n *Narrative) *string { return &n.Problems }},
	{"其他需要报告", func(n *Narrative) *string { return &n.Other }},
}

var (
	msgUnknownSection = msg.New("register.unknown_section",
		"年度报告的这一节“%s”不在模板中：办公室只填写“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”，其余各节由 gongkai 按登记和稿件统计生成",
		"section %q is not one the office writes: only 一、总体情况, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项; gongkai computes the others")
	msgFigureNegative = msg.New("register.figure_negative",
		"%s 不能是负数（%v）",
		"%s cannot be negative (%v)")
)

// LoadAnnual reads the year's inputs from annual/ in fsys; missing files
// leave their part empty.
func LoadAnnual(fsys fs.FS, year int, loc *time.Location) (*Annual, diag.List) {
	a := &Annual{Year: year}
	var l diag.List
	base := fmt.Sprintf("%s/%d", AnnualDir, year)
	if src, err := fs.ReadFile(fsys, base+".md"); err == nil {
		a.Narrative = parseNarrative(base+".md", string(src), &l)
	} else if !errors.Is(err, fs.ErrNotExist) {
		l.Errorf(diag.Pos{Path: base + ".md", Line: 1, Col: 1}, "GK080", msgUnreadable.T(), err)
	}
	decodeYAML(fsys, base+".yaml", loc, &a.Figures, &l)
	f := a.Figures
	for _, c := range []struct {
		key string
		v   float64
	}{{"licensing", float64(f.Licensing)}, {"penalties", float64(f.Penalties)}, {"enforcement", float64(f.Enforcement)}, {"fees", f.Fees}} {
		if c.v < 0 {
			l.Errorf(diag.Pos{Path: base + ".yaml", Line: 1, Col: 1}, "GK080", msgFigureNegative.T(), c.key, c.v)
		}
	}
	decodeYAML(fsys, base+"-events.yaml", loc, &a.Events, &l)
	return a, l
}

// decodeYAML decodes the file name, if it exists, strictly into v.
func decodeYAML(fsys fs.FS, name string, loc *time.Location, v any, l *diag.List) {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		l.Errorf(diag.Pos{Path: name, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), err)
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		l.Errorf(diag.Pos{Path: name, Line: max(strictyaml.SyntaxErrorLine(src), 1), Col: 1}, "GK080", msgSyntax.T(), strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	if len(doc.Content) == 0 {
		return
	}
	d := strictyaml.NewDecoder(loc)
	d.Decode(&doc, v)
	for _, p := range d.Problems {
		l.Errorf(diag.Pos{Path: name, Line: p.Line, Col: p.Col}, "GK080", "%s", p.Msg)
	}
}

// parseNarrative splits the office's text at its "## " headings.
func parseNarrative(name, src string, l *diag.List) *Narrative {
	n := &Narrative{}
	cur := &n.Preamble
	var b strings.Builder
	flush := func() { *cur = strings.TrimSpace(*cur + b.String()); b.Reset() }
	for i, line := range strings.SplitAfter(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "# ") && !strings.HasPrefix(t, "## ") && cur == &n.Preamble {
			continue // the title: the report prints its own
		}
		if !strings.HasPrefix(t, "## ") {
			b.WriteString(line)
			continue
		}
		flush()
		heading := strings.TrimSpace(t[3:])
		cur = nil
		for _, s := range sections {
			if strings.Contains(heading, s.word) {
				cur = s.get(n)
			}
		}
		if cur == nil {
			l.Warnf(diag.Pos{Path: name, Line: i + 1, Col: 1}, "GK087", msgUnknownSection.T(), heading)
			cur = new(string)
		}
	}
	flush()
	return n
}

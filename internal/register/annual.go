package register

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
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
		"“%s”不是办公室填写的一节，其中的文字不会进入报告：办公室只填写“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”，二、三、四节由 gongkai 按稿件和申请登记统计生成",
		"%q is not a section the office writes, and its text does not reach the report: the office writes only 一、总体情况, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项; gongkai counts sections 二, 三 and 四 from the articles and the register")
	msgUnknownAnnualFile = msg.New("register.unknown_annual_file",
		"%s/ 下的“%s”不是年度报告材料：只读取 年份.md（报告正文）、年份.yaml（统计数字）和 年份-events.yaml（应报事项），请改名或移走",
		"%s/%s is not an input of the annual report: only YEAR.md (the text), YEAR.yaml (the figures) and YEAR-events.yaml (the events) are read; rename or move it")
	msgEventYear = msg.New("register.event_year",
		"事项日期 %s 不在%d年：%s 只列本年度应报送的事项",
		"the event's date %s is not in %d: %s lists only that year's events")
	whatEventDate     = msg.New("register.what_event_date", "事项日期", "the event's date")
	whatEventName     = msg.New("register.what_event_name", "事项名称，与稿件 event.name 一致", "the event's name, as in the articles' event.name")
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
		l.Errorf(diag.Pos{Path: base + ".md", Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
	}
	keys := decodeYAML(fsys, base+".yaml", loc, &a.Figures, &l)
	f := a.Figures
	for _, c := range []struct {
		key string
		v   float64
	}{{"licensing", float64(f.Licensing)}, {"penalties", float64(f.Penalties)}, {"enforcement", float64(f.Enforcement)}, {"fees", f.Fees}} {
		if c.v < 0 {
			l.Errorf(keyPos(base+".yaml", keys, c.key), "GK080", msgFigureNegative.T(), c.key, c.v)
		}
	}
	name := base + "-events.yaml"
	keys = decodeYAML(fsys, name, loc, &a.Events, &l)
	for i, ev := range a.Events {
		item := strconv.Itoa(i)
		if _, ok := keys[item+".date"]; !ok && ev.Date.IsZero() {
			l.Errorf(keyPos(name, keys, item), "GK080", msgMissing.T(), "date", whatEventDate.F())
		}
		if _, ok := keys[item+".name"]; !ok && strings.TrimSpace(ev.Name) == "" {
			l.Errorf(keyPos(name, keys, item), "GK080", msgMissing.T(), "name", whatEventName.F())
		}
		if !ev.Date.IsZero() && ev.Date.In(loc).Year() != year {
			l.Warnf(keyPos(name, keys, item+".date"), "GK087", msgEventYear.T(), ev.Date.Day(), year, name)
		}
	}
	return a, l
}

// keyPos is the position of the key at the dotted path in the file name,
// or 1:1.
func keyPos(name string, keys map[string][2]int, key string) diag.Pos {
	if p, ok := keys[key]; ok {
		return diag.Pos{Path: name, Line: p[0], Col: p[1]}
	}
	return diag.Pos{Path: name, Line: 1, Col: 1}
}

// CheckAnnual reads the inputs of every year found under annual/ (files
// named <year>.md, <year>.yaml and <year>-events.yaml) and returns their
// findings, with a warning (GK087) for any other file there.
func CheckAnnual(fsys fs.FS, loc *time.Location) diag.List {
	var l diag.List
	entries, err := fs.ReadDir(fsys, AnnualDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.Errorf(diag.Pos{Path: AnnualDir, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
		return l
	}
	years := map[int]bool{}
	var order []int
	for _, e := range entries {
		name := e.Name()
		y, ok := annualYear(name)
		if e.IsDir() || !ok {
			if !e.IsDir() && !strings.HasPrefix(name, ".") {
				l.Warnf(diag.Pos{Path: AnnualDir + "/" + name, Line: 1, Col: 1}, "GK087", msgUnknownAnnualFile.T(), AnnualDir, name)
			}
			continue
		}
		if !years[y] {
			years[y] = true
			order = append(order, y)
		}
	}
	for _, y := range order {
		_, more := LoadAnnual(fsys, y, loc)
		l = append(l, more...)
	}
	return l
}

// annualYear returns the year of an input file's name: 2025.md,
// 2025.yaml or 2025-events.yaml.
func annualYear(name string) (int, bool) {
	for _, suffix := range []string{".md", ".yaml", "-events.yaml"} {
		if stem, ok := strings.CutSuffix(name, suffix); ok && len(stem) == 4 {
			if y, err := strconv.Atoi(stem); err == nil && y >= 1000 {
				return y, true
			}
		}
	}
	return 0, false
}

// decodeYAML decodes the file name, if it exists, strictly into v and
// returns the position of every key.
func decodeYAML(fsys fs.FS, name string, loc *time.Location, v any, l *diag.List) map[string][2]int {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.Errorf(diag.Pos{Path: name, Line: 1, Col: 1}, "GK080", msgUnreadable.T(), msg.Cause(err))
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := max(strictyaml.SyntaxErrorLine(src), 1)
		col, text := strictyaml.Explain(src, line, strictyaml.ParserText(err))
		l.Errorf(diag.Pos{Path: name, Line: line, Col: col}, "GK080", "%s", text)
		return nil
	}
	if len(doc.Content) == 0 || strictyaml.IsNull(doc.Content[0]) {
		return nil
	}
	d := strictyaml.NewDecoder(loc)
	d.Decode(&doc, v)
	for _, p := range d.Problems {
		id := "GK080"
		var de *article.DateError
		if errors.As(p.Err, &de) {
			id = "GK082"
		}
		l.Errorf(diag.Pos{Path: name, Line: p.Line, Col: p.Col}, id, "%s", p.Msg)
	}
	return d.Keys
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

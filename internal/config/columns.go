package config

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// Columns is the columns: block, the fixed columns (栏目) of a 政府信息公开
// platform. Every key is optional: a column left out gets its default
// title, URL name and categories, and a column with nothing public is not
// shown.
type Columns struct {
	Guide           Column `yaml:"guide"`           // 政府信息公开指南
	Rules           Column `yaml:"rules"`           // 政府信息公开制度
	Proactive       Column `yaml:"proactive"`       // 法定主动公开内容
	Reports         Column `yaml:"reports"`         // 政府信息公开年报
	Requests        Column `yaml:"requests"`        // 依申请公开
	Interpretations Column `yaml:"interpretations"` // 政策解读
}

// Column is one fixed column.
type Column struct {
	// Title is the column's name in the navigation and on the home page.
	Title string `yaml:"title"`
	// Slug is the column's folder under xxgk/ ("xxgk/zhinan/").
	Slug string `yaml:"slug"`
	// Categories are the categories whose articles the column lists. The
	// default of 法定主动公开内容 is every declared category that no other
	// column lists.
	Categories []string `yaml:"categories"`
	// Hidden leaves the column out of the site.
	Hidden bool `yaml:"hidden"`
	// Form is, for 依申请公开, the application form offered for download: a
	// file under content/ given from the repository root
	// (content/forms/申请表.docx).
	Form string `yaml:"form"`
}

// Office is site.office, the 政府信息公开工作机构 that receives requests:
// shown on the 依申请公开 page and the home page. Every field is optional.
type Office struct {
	Name     string `yaml:"name"`
	Address  string `yaml:"address"`
	Postcode string `yaml:"postcode"`
	Hours    string `yaml:"hours"`
	Phone    string `yaml:"phone"`
	Fax      string `yaml:"fax"`
	Email    string `yaml:"email"`
}

// Empty reports whether no field of the office is set.
func (o Office) Empty() bool { return o == Office{} }

// ColumnKey names a fixed column.
type ColumnKey string

// The fixed columns, in the order the navigation shows them.
const (
	GuideColumn           ColumnKey = "guide"
	RulesColumn           ColumnKey = "rules"
	ProactiveColumn       ColumnKey = "proactive"
	ReportsColumn         ColumnKey = "reports"
	RequestsColumn        ColumnKey = "requests"
	InterpretationsColumn ColumnKey = "interpretations"
)

// columnDefaults are each column's default title, slug and categories.
var columnDefaults = []struct {
	key        ColumnKey
	title      string
	slug       string
	categories []string
}{
	{GuideColumn, "政府信息公开指南", "zhinan", []string{"政府信息公开指南和目录", "政府信息公开指南"}},
	{RulesColumn, "政府信息公开制度", "zhidu", []string{"政府信息公开制度"}},
	{ProactiveColumn, "法定主动公开内容", "fading", nil},
	{ReportsColumn, "政府信息公开年报", "nianbao", []string{"信息公开年度工作报告", "政府信息公开年报"}},
	{RequestsColumn, "依申请公开", "yishenqing", []string{"依申请公开"}},
	{InterpretationsColumn, "政策解读", "jiedu", []string{"政策解读"}},
}

// ColumnList returns the fixed columns in navigation order, defaults
// applied (see applyColumnDefaults), hidden ones included.
func (c *Config) ColumnList() []*Column {
	cs := &c.Columns
	return []*Column{&cs.Guide, &cs.Rules, &cs.Proactive, &cs.Reports, &cs.Requests, &cs.Interpretations}
}

// ColumnKeys returns the keys of ColumnList, in the same order.
func ColumnKeys() []ColumnKey {
	keys := make([]ColumnKey, len(columnDefaults))
	for i, d := range columnDefaults {
		keys[i] = d.key
	}
	return keys
}

// applyColumnDefaults fills each column's title and slug and, where not
// given, its categories: the default ones that are declared, and for
// 法定主动公开内容 every declared category the other columns do not list.
func (c *Config) applyColumnDefaults() {
	cols := c.ColumnList()
	claimed := map[string]bool{}
	for i, d := range columnDefaults {
		col := cols[i]
		if col.Title == "" {
			col.Title = d.title
		}
		if col.Slug == "" {
			col.Slug = d.slug
		}
		if col.Categories == nil && d.key != ProactiveColumn {
			col.Categories = []string{}
			for _, name := range d.categories {
				if c.HasCategory(name) {
					col.Categories = append(col.Categories, name)
				}
			}
		}
		if d.key != ProactiveColumn {
			for _, name := range col.Categories {
				claimed[name] = true
			}
		}
	}
	if p := &c.Columns.Proactive; p.Categories == nil {
		p.Categories = []string{}
		for _, name := range c.Categories {
			if !claimed[name] {
				p.Categories = append(p.Categories, name)
			}
		}
	}
}

var (
	msgColumnCategory = msg.New("config.column_category",
		"columns.%s.categories：主题分类“%s”未在 categories: 中声明%s",
		"columns.%s.categories: category %q is not declared under categories%s")
	msgColumnSlug = msg.New("config.column_slug",
		"columns.%s.slug“%s”只能由小写字母、数字和连字符组成，如 zhinan",
		"columns.%s.slug %q may hold only lowercase letters, digits and hyphens, such as zhinan")
	msgColumnSlugTwice = msg.New("config.column_slug_twice",
		"columns.%s.slug“%s”已用于栏目 %s，请另取一个",
		"columns.%s.slug %q is already used by column %s; choose another")
	msgColumnForm = msg.New("config.column_form",
		"columns.%s.form：只有依申请公开（requests）栏目提供申请表下载",
		"columns.%s.form: only the requests column (依申请公开) offers a form")
	msgFormPath = msg.New("config.form_path",
		"columns.requests.form“%s”须是 content/ 下的文件，从仓库根目录写起，如 content/forms/申请表.docx",
		"columns.requests.form %q must be a file under content/, written from the repository root, such as content/forms/申请表.docx")
)

// validateColumns checks the columns: block: declared categories, slugs,
// and the form.
func (c *Config) validateColumns(keyPos func(string) diag.Pos, l *diag.List) {
	seen := map[string]ColumnKey{}
	for i, col := range c.ColumnList() {
		key := columnDefaults[i].key
		for j, name := range col.Categories {
			if !c.HasCategory(name) {
				l.Errorf(keyPos(fmt.Sprintf("columns.%s.categories.%d", key, j)), "GK003", msgColumnCategory.T(),
					key, name, strictyaml.Suggest(name, c.Categories))
			}
		}
		switch other, ok := seen[col.Slug]; {
		case !slugRE.MatchString(col.Slug):
			l.Errorf(keyPos(fmt.Sprintf("columns.%s.slug", key)), "GK002", msgColumnSlug.T(), key, col.Slug)
		case ok:
			l.Errorf(keyPos(fmt.Sprintf("columns.%s.slug", key)), "GK002", msgColumnSlugTwice.T(), key, col.Slug, other)
		default:
			seen[col.Slug] = key
		}
		if col.Form != "" && key != RequestsColumn {
			l.Errorf(keyPos(fmt.Sprintf("columns.%s.form", key)), "GK002", msgColumnForm.T(), key)
		}
	}
	if f := c.Columns.Requests.Form; f != "" && !validFormPath(f) {
		l.Errorf(keyPos("columns.requests.form"), "GK002", msgFormPath.T(), f)
	}
}

// Article20Item is one item of 《中华人民共和国政府信息公开条例》第二十条, the
// information an administrative organ discloses proactively, with the
// usual category names filed under it.
type Article20Item struct {
	Number     string // （一）
	Text       string
	Categories []string
}

// Article20 lists the items of 第二十条 and the categories that map to
// them; the 法定主动公开内容 column groups its categories by it, and shows
// the categories no item names after them.
var Article20 = []Article20Item{
	{"（一）", "行政法规、规章和规范性文件", []string{"法律法规", "规范性文件", "政策文件"}},
	{"（二）", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", []string{"机构概况", "机构职能", "领导信息"}},
	{"（三）", "国民经济和社会发展规划、专项规划、区域规划及相关政策", []string{"规划计划", "发展规划"}},
	{"（四）", "国民经济和社会发展统计信息", []string{"统计信息"}},
	{"（五）", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", []string{"行政审批", "行政许可", "办事服务"}},
	{"（六）", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定", []string{"行政执法", "行政处罚"}},
	{"（七）", "财政预算、决算信息", []string{"财政预决算", "财政资金"}},
	{"（八）", "行政事业性收费项目及其依据、标准", []string{"行政事业收费"}},
	{"（九）", "政府集中采购项目的目录、标准及实施情况", []string{"政府采购与工程招投标", "政府采购"}},
	{"（十）", "重大建设项目的批准和实施情况", []string{"城乡建设", "重大建设项目"}},
	{"（十一）", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", []string{"民生保障"}},
	{"（十二）", "突发公共事件的应急预案、预警信息及应对情况", []string{"应急管理"}},
	{"（十三）", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", []string{"监督检查", "安全生产"}},
	{"（十四）", "公务员招考的职位、名额、报考条件等事项以及录用结果", []string{"人事信息"}},
}

// Article20Of returns the item of 第二十条 a category maps to, or nil.
func Article20Of(category string) *Article20Item {
	for i := range Article20 {
		if slices.Contains(Article20[i].Categories, category) {
			return &Article20[i]
		}
	}
	return nil
}

// formTypes are the file types an application form may have.
var formTypes = []string{".doc", ".docx", ".wps", ".pdf", ".odt", ".xls", ".xlsx", ".txt"}

// validFormPath reports whether p names a document under content/.
func validFormPath(p string) bool {
	return fs.ValidPath(p) && strings.HasPrefix(p, "content/") &&
		slices.Contains(formTypes, strings.ToLower(path.Ext(p)))
}

var msgFormMissing = msg.New("config.form_missing",
	"columns.requests.form：仓库中没有文件“%s”（或它不是普通文件），请把申请表放在该位置",
	"columns.requests.form: the repository has no regular file %q; put the application form there")

// checkForm checks that the application form is a regular file in the
// repository (a symbolic link is refused: it may lead anywhere).
func (c *Config) checkForm(fsys fs.FS, keyPos func(string) diag.Pos, l *diag.List) {
	f := c.Columns.Requests.Form
	if f == "" || fsys == nil || !validFormPath(f) {
		return
	}
	var info fs.FileInfo
	var err error
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		info, err = lfs.Lstat(f)
	} else {
		info, err = fs.Stat(fsys, f)
	}
	if err != nil || !info.Mode().IsRegular() {
		l.Errorf(keyPos("columns.requests.form"), "GK002", msgFormMissing.T(), f)
	}
}

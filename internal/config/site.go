package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// PoliceRecord is site.police_record, the 公安机关备案号 shown in the
// footer with its link.
type PoliceRecord struct {
	// Number as it is shown: 浙公网安备 33078202000123号.
	Number string `yaml:"number"`
	// URL is the record's page; default the 全国互联网安全管理服务平台 query
	// for the number's digits.
	URL string `yaml:"url"`
}

// Badge is site.badge, the 党政机关网站标识 in the footer.
type Badge struct {
	// Image is a file in templates/ (copied to assets/ like every theme file).
	Image string `yaml:"image"`
	// URL is the badge's link (the 党政机关网站 registration page), optional.
	URL string `yaml:"url"`
}

// ICPURL is where an ICP备案号 links: the MIIT record query.
const ICPURL = "https://beian.miit.gov.cn/"

// Category is one item of categories:, a name or {name, slug}.
type Category struct {
	Name string `yaml:"name"`
	// Slug is the category's URL name; default its name in pinyin.
	Slug string `yaml:"slug"`
	// malformed: neither a name nor a mapping (already reported).
	malformed bool
}

var msgCategoryShape = msg.New("config.category_shape",
	"应为分类名称，或 {name: 名称, slug: 网址名}",
	"must be a category name or {name: …, slug: …}")

// DecodeNode reads a category written as its name or as {name, slug}.
func (c *Category) DecodeNode(n *yaml.Node, d *strictyaml.Decoder) error {
	switch n.Kind {
	case yaml.ScalarNode:
		c.Name = n.Value
		return nil
	case yaml.MappingNode:
		var p struct {
			Name string `yaml:"name"`
			Slug string `yaml:"slug"`
		}
		d.Decode(n, &p)
		c.Name, c.Slug = p.Name, p.Slug
		return nil
	}
	c.malformed = true
	return msgCategoryShape.Error()
}

// Interpretation is the interpretation: block (政策解读).
type Interpretation struct {
	// Required: a public article of one of Categories needs a public
	// interpretation (GK052, 政策解读须与文件同步发布); default true.
	Required *bool `yaml:"required"`
	// Categories default to [规范性文件].
	Categories []string `yaml:"categories"`
}

// NeedsInterpretation reports whether a public article of the category
// needs a public 政策解读 (GK052).
func (c *Config) NeedsInterpretation(category string) bool {
	ip := c.Interpretation
	if ip.Required != nil && !*ip.Required {
		return false
	}
	if ip.Categories == nil {
		return category == "规范性文件"
	}
	return slices.Contains(ip.Categories, category)
}

// publisherSuffixes are what a site title adds to the organisation's name.
var publisherSuffixes = []string{"政府信息公开网站", "政府信息公开专栏", "政府信息公开平台", "政府信息公开", "门户网站", "网站"}

// DefaultPublisher returns the organisation a site title names:
// 某某县招商局政府信息公开 → 某某县招商局.
func DefaultPublisher(title string) string {
	for _, s := range publisherSuffixes {
		if p, ok := strings.CutSuffix(title, s); ok && p != "" {
			return p
		}
	}
	return title
}

// Publisher returns the 发布机构 of a department's articles: the
// department's own publisher when declared, else site.publisher.
func (c *Config) Publisher(department string) string {
	if d := c.Department(department); d != nil && d.Publisher != "" {
		return d.Publisher
	}
	return c.Site.Publisher
}

var digitsRE = regexp.MustCompile(`[0-9]+`)

func (c *Config) applySiteDefaults() {
	if c.Site.Publisher == "" {
		c.Site.Publisher = DefaultPublisher(c.Site.Title)
	}
	if c.Site.Domain == "" {
		if u, err := url.Parse(c.Site.BaseURL); err == nil {
			c.Site.Domain = u.Hostname()
		}
	}
	if r := c.Site.PoliceRecord; r != nil && r.URL == "" {
		if code := strings.Join(digitsRE.FindAllString(r.Number, -1), ""); code != "" {
			r.URL = "https://beian.mps.gov.cn/#/query/webSearch?code=" + code
		}
	}
	c.Categories = c.Categories[:0:0]
	for _, cat := range c.CategoryList {
		c.Categories = append(c.Categories, cat.Name)
	}
}

var (
	msgNotHTTP = msg.New("config.not_http",
		"%s“%s”须是完整的 http(s) 网址，如 https://www.example.gov.cn/",
		"%s %q must be an absolute http(s) URL such as https://www.example.gov.cn/")
	msgNoRecordNumber = msg.New("config.no_record_number",
		"site.police_record 缺少备案号 number，如 浙公网安备 33078202000123号",
		"site.police_record needs the number, such as 浙公网安备 33078202000123号")
	msgNoBadgeImage = msg.New("config.no_badge_image",
		"site.badge 缺少标识图片 image：请把党政机关网站标识图片放在 templates/ 下，并在此填写文件名",
		"site.badge needs the image: put the 党政机关网站标识 image in templates/ and give its file name here")
	msgBadgeMissing = msg.New("config.badge_missing",
		"site.badge.image：templates/ 下没有文件“%s”，请把党政机关网站标识图片放在 templates/ 下",
		"site.badge.image: templates/ has no file %q; put the 党政机关网站标识 image in templates/")
	msgBadgeType = msg.New("config.badge_type",
		"site.badge.image“%s”须是图片（%s）",
		"site.badge.image %q must be an image (%s)")
	msgBadSlug = msg.New("config.bad_slug",
		"slug“%s”只能由小写字母、数字和连字符组成，如 zhaoshangyike",
		"slug %q may hold only lowercase letters, digits and hyphens, such as zhaoshangyike")
	msgSlugTwice = msg.New("config.slug_twice",
		"slug“%s”已用于“%s”，请另取一个",
		"slug %q is already used by %s; choose another")
	msgNoCategoryName = msg.New("config.no_category_name", "categories 中第%d项没有填写 name", "categories entry %d has no name")
	msgUndeclaredIn   = msg.New("config.undeclared_in",
		"interpretation.categories：主题分类“%s”未在 categories: 中声明%s",
		"interpretation.categories: category %q is not declared under categories%s")
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var badgeTypes = []string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}

// validateSite checks the keys of site.go: URLs, the footer's records,
// declared slugs and the interpretation categories.
func (c *Config) validateSite(keyPos func(string) diag.Pos, l *diag.List) {
	s := &c.Site
	httpURL := func(key, u string) {
		if p, err := url.Parse(u); u != "" && (err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "") {
			l.Errorf(keyPos(key), "GK002", msgNotHTTP.T(), key, u)
		}
	}
	httpURL("site.error_report", s.ErrorReport)
	if r := s.PoliceRecord; r != nil {
		if strings.TrimSpace(r.Number) == "" {
			l.Errorf(keyPos("site.police_record"), "GK002", "%s", msgNoRecordNumber.F())
		}
		httpURL("site.police_record.url", r.URL)
	}
	if b := s.Badge; b != nil {
		if b.Image == "" {
			l.Errorf(keyPos("site.badge"), "GK002", "%s", msgNoBadgeImage.F())
		} else if !slices.Contains(badgeTypes, strings.ToLower(path.Ext(b.Image))) {
			l.Errorf(keyPos("site.badge.image"), "GK002", msgBadgeType.T(), b.Image, strings.Join(badgeTypes, " "))
		}
		httpURL("site.badge.url", b.URL)
	}
	slugs := map[string]string{}
	slug := func(key, kind, owner, s string) {
		switch {
		case s == "":
		case !slugRE.MatchString(s):
			l.Errorf(keyPos(key), "GK002", msgBadSlug.T(), s)
		case slugs[kind+s] != "":
			l.Errorf(keyPos(key), "GK002", msgSlugTwice.T(), s, slugs[kind+s])
		default:
			slugs[kind+s] = owner
		}
	}
	for i, d := range c.Departments {
		slug(fmt.Sprintf("departments.%d.slug", i), "d:", d.Name, d.Slug)
	}
	for i, cat := range c.CategoryList {
		if cat.Name == "" && !cat.malformed {
			l.Errorf(keyPos(fmt.Sprintf("categories.%d", i)), "GK002", msgNoCategoryName.T(), i+1)
		}
		// The item's position: a category's own keys are not recorded.
		slug(fmt.Sprintf("categories.%d", i), "c:", cat.Name, cat.Slug)
	}
	for i, name := range c.Interpretation.Categories {
		if !c.HasCategory(name) {
			l.Errorf(keyPos(fmt.Sprintf("interpretation.categories.%d", i)), "GK003", msgUndeclaredIn.T(), name, strictyaml.Suggest(name, c.Categories))
		}
	}
}

// checkBadge checks that site.badge.image is a file in templates/.
func (c *Config) checkBadge(fsys fs.FS, keyPos func(string) diag.Pos, l *diag.List) {
	b := c.Site.Badge
	if b == nil || b.Image == "" || fsys == nil || !fs.ValidPath(b.Image) {
		return
	}
	if st, err := fs.Stat(fsys, path.Join("templates", b.Image)); err != nil || st.IsDir() {
		l.Errorf(keyPos("site.badge.image"), "GK002", msgBadgeMissing.T(), b.Image)
	}
}

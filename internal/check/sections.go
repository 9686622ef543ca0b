package check

import (
	"strconv"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// sections warns about each declared category and department that no public
// article fills: its catalogue section would be empty on the site (空白栏目,
// GK051). The warning is on the name in gongkai.yaml.
func (c *checker) sections(loaded diag.List) {
	public := c.publicSet(loaded)
	cats, depts := map[string]bool{}, map[string]bool{}
	for _, a := range c.arts {
		if public[a] {
			cats[a.FM.Category] = true
			depts[a.FM.Department] = true
		}
	}
	// The name of a category or department as written: the list item, or
	// its name: when it is a mapping.
	at := func(key string) diag.Pos {
		if p, ok := c.cfg.ValuePos(key + ".name"); ok {
			return p
		}
		if p, ok := c.cfg.ValuePos(key); ok {
			return p
		}
		return c.cfg.KeyPos(key)
	}
	for i, name := range c.cfg.Categories {
		if !cats[name] {
			c.l.Warnf(at(key("categories", i)), "GK051", msgEmptyCategory.T(), name)
		}
	}
	for i, d := range c.cfg.Departments {
		if !depts[d.Name] {
			c.l.Warnf(at(key("departments", i)), "GK051", msgEmptyDepartment.T(), d.Name)
		}
	}
}

var (
	msgEmptyCategory = msg.New("check.empty_category",
		"主题分类“%s”没有公开的文章，网站上该栏目将成为空白栏目；请在该分类下发布文章，或将其从 categories: 中删除",
		"category %s (主题分类) has no public article: its section would be empty on the site (空白栏目); publish an article in it or remove it from categories:")
	msgEmptyDepartment = msg.New("check.empty_department",
		"科室“%s”没有公开的文章，目录中该科室栏目将成为空白栏目；请发布该科室的文章",
		"department %s has no public article: its catalogue section would be empty on the site (空白栏目); publish an article from it")
)

func key(list string, i int) string { return list + "." + strconv.Itoa(i) }

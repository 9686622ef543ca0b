package check

import (
	"io/fs"
	"strconv"

	"gopkg.in/yaml.v3"

	"gongkai/internal/config"
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
	pos := c.configPositions()
	at := func(key string) diag.Pos {
		if p, ok := pos[key]; ok {
			return p
		}
		return diag.Pos{Path: config.FileName, Line: 1, Col: 1}
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

// configPositions finds where each category and each department's name is
// written in gongkai.yaml: "categories.3", "departments.1". The config
// package keeps no positions after loading, so the file is read again.
func (c *checker) configPositions() map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	if c.fsys == nil {
		return pos
	}
	src, err := fs.ReadFile(c.fsys, config.FileName)
	if err != nil {
		return pos
	}
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return pos
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		list := m.Content[i].Value
		if (list != "categories" && list != "departments") || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range m.Content[i+1].Content {
			n := item
			if name := mapValue(item, "name"); name != nil {
				n = name
			}
			pos[key(list, j)] = diag.Pos{Path: config.FileName, Line: n.Line, Col: n.Column}
		}
	}
	return pos
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

package render

import (
	"path"
	"strings"

	"gongkai/internal/msg"
	"gongkai/internal/search"
)

// searchPage renders search/index.html (also the catalogue's filter page)
var msgSearchFile = msg.New("render.search_file", "搜索索引文件 %s 不在 search/ 下", "search index file %s is not under search/")

// and the search index over the public articles.
func (j *job) searchPage(site *output) error {
	s := &SearchView{Categories: j.cfg.Categories}
	for _, d := range j.cfg.Departments {
		s.Departments = append(s.Departments, d.Name)
	}
	p := &Page{Chrome: Chrome{j.siteInfo, "search"}, Title: "信息检索", Search: s, Meta: PageMeta{Column: "信息检索"},
		Scripts: []string{j.base.link("assets/search.js")}}
	out, err := j.execute("search.html", p, nil)
	if err != nil {
		return err
	}
	if err := site.put("search/index.html", out, msgWhatSearchPage.F()); err != nil {
		return err
	}
	var files map[string][]byte
	if j.stream != nil { // streaming: the texts went to the index page by page
		files = j.stream.Files()
		if st := j.in.Pages; st != nil {
			st.keepSearch(j.stream.State(), sortedKeys(files))
		}
	} else {
		docs := j.searchDocs()
		for i, e := range j.public {
			docs[i].Text = e.body.res.Text
		}
		files = j.indexer.Build(docs)
	}
	for _, p := range sortedKeys(files) {
		if !strings.HasPrefix(p, "search/") {
			return msgSearchFile.Error(p)
		}
		if err := site.put(p, files[p], msgWhatSearchIndex.F()); err != nil {
			return err
		}
	}
	return nil
}

// searchDocs is what the search index knows of each public article, in
// j.public's order, but its text.
func (j *job) searchDocs() []search.Doc {
	docs := make([]search.Doc, 0, len(j.public))
	for _, e := range j.public {
		fm := &e.a.FM
		docs = append(docs, search.Doc{
			URL: e.dir, Title: fm.Title, IndexNo: fm.IndexNo, DocNo: fm.DocNo,
			Department: fm.Department, Category: fm.Category, Date: e.gen.In(j.loc).Format("2006-01-02"),
		})
	}
	return docs
}

// fixedPages writes 404.html and robots.txt.
func (j *job) fixedPages(site *output) error {
	out, err := j.execute("404.html", &Page{Chrome: Chrome{Site: j.siteInfo}, Title: "页面未找到"}, nil)
	if err != nil {
		return err
	}
	if err := site.put("404.html", out, msgWhat404.F()); err != nil {
		return err
	}
	return site.put("robots.txt", j.robotsTxt(), "robots.txt")
}

// assets copies the theme's files other than templates to assets/.
func (j *job) assets(site *output) error {
	for _, name := range sortedKeys(j.tm.assets) {
		if err := site.put(path.Join("assets", name), j.tm.assets[name], msgWhatThemeFile.F(name)); err != nil {
			return err
		}
	}
	return nil
}

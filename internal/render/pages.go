package render

import (
	"bytes"
	"html/template"
	"path"
	"runtime"
	"sync"

	"gongkai/internal/article"
	"gongkai/internal/msg"
	"gongkai/internal/search"
)

var (
	msgNoContent  = msg.New("render.no_content", "%s：附件需要 Input.Content", "%s: attachments need Input.Content")
	msgAttachment = msg.New("render.attachment", "%s：附件 %s：%w", "%s: attachment %s: %w")
)

// newSiteInfo collects what every page shows.
func (j *job) newSiteInfo() *SiteInfo {
	s := &SiteInfo{
		Title: j.cfg.Site.Title, Lang: "zh-CN", Base: j.base.path, Footer: j.cfg.Site.Footer,
		Home: j.base.link(""), Catalog: j.base.link("catalog/"), Search: j.base.link("search/"),
		Feed: j.base.link("feed.xml"), CSS: j.base.link("assets/site.css"),
		ElderJS: j.base.link("assets/elder.js"), Icon: j.base.link("assets/favicon.svg"),
	}
	j.identification(s)
	if _, ok := j.in.Extra["bulletins/index.html"]; ok {
		s.Bulletins = j.base.link("bulletins/")
	}
	s.Categories = j.sections(categoryIndex, j.listed)
	j.columns = j.newColumns(s.Categories)
	s.Columns = j.columnNav()
	return s
}

// articlePages renders every article page in parallel and adds them in path
// order.
func (j *job) articlePages(site *output) error {
	if j.md != nil {
		return j.streamArticlePages(site)
	}
	prev, next := j.neighbours()
	out := make([][]byte, len(j.pages))
	errs := make([]error, len(j.pages))
	parallel(len(j.pages), func(i int) {
		e := j.pages[i]
		p := &Page{Chrome: Chrome{Site: j.siteInfo}, Title: e.a.FM.Title, Pending: e.kind == pendingEntry,
			Article: j.articleView(e, prev[e], next[e]), Meta: j.articleMeta(e)}
		out[i], errs[i] = j.execute("article.html", p, e.body)
	})
	for i, e := range j.pages {
		if errs[i] != nil {
			return errs[i]
		}
		if err := site.put(e.file, out[i], e.a.Path); err != nil {
			return err
		}
	}
	return nil
}

// streamArticlePages renders each article's body and page in one go and
// hands the page to the sink at once, on more workers than processors so
// that writing overlaps rendering; the body's HTML is dropped as soon as the
// page is out (and the Markdown too, with Input.DropSources). The first
// error in path order is returned.
//
// With Input.Pages, a body whose facts the previous build kept still hold
// (validFacts) is neither read nor rendered when its page is reused and
// the search index does not need its text. The index is started with the
// digest of each public text the facts give; the others are not known
// until their body is rendered (a zero sum), and the index takes them from
// the texts it is given.
func (j *job) streamArticlePages(site *output) error {
	prev, next := j.neighbours()
	docOf := make(map[*entry]int, len(j.public))
	for d, e := range j.public {
		docOf[e] = d
	}
	facts := j.validFacts()
	errs := make([]error, len(j.pages))
	sums := make([][32]byte, len(j.public))
	for i, e := range j.pages {
		if d, ok := docOf[e]; ok && facts[i] != nil {
			sums[d] = facts[i].text
		}
	}
	order := j.streamOrder(sums)
	parallelN(4*runtime.GOMAXPROCS(0), len(order), func(k int) {
		i := order[k]
		e := j.pages[i]
		d, public := docOf[e]
		need := public && j.needs(d)
		var took func(string, [32]byte)
		if need {
			took = func(text string, _ [32]byte) { j.stream.Add(d, text) }
		}
		errs[i] = j.streamArticle(site, e, prev[e], next[e], facts[i], need, took)
	})
	return firstError(errs)
}

// needs reports whether the search index needs the text of j.public[d]
// (search.Stream.Need).
func (j *job) needs(d int) bool {
	need := j.stream.Need(d)
	if testNeed != nil {
		need = testNeed(j.public[d].a, need)
	}
	return need
}

// testNeed, set by tests only, sees each answer of needs and may change
// it (to render as an incremental index would let it).
var testNeed func(a *article.Article, need bool) bool

// streamArticle makes e's page. With facts f (still valid) its key comes
// from them, and when the page is reused and need is false (the search
// index has e's text), that is all. Otherwise the body is read and
// rendered, its facts kept for the next build (a public article's, with
// Input.Pages), its text and the text's digest handed to took (when not
// nil), and the page put, or reused when its key did not change.
func (j *job) streamArticle(site *output, e, prev, next *entry, f *bodyFacts, need bool, took func(text string, sum [32]byte)) error {
	st := j.in.Pages
	if e.kind != withdrawnEntry && f != nil {
		e.setSummary(f.summary)
		if !need {
			e.desc = f.describe(e.summary)
			p := j.articlePage(e, prev, next)
			done, _, err := j.reusePage(site, e.file, "article.html", p, &f.html, e.a.Path)
			if done {
				st.keepBody(e.a.Path, f)
			}
			if done || err != nil {
				return err
			}
		}
	}
	var body *[32]byte
	if e.kind != withdrawnEntry {
		if err := j.source(e); err != nil {
			return err
		}
		b, err := renderBody(j.md, e, j.cfg.Markdown.UnsafeHTML, j.resolver(e), st != nil)
		if err != nil {
			return err
		}
		e.setBody(b)
		if st != nil || took != nil {
			text := search.TextSum(b.res.Text)
			if src, ok := j.sourceSum(e); ok && st != nil && e.kind == publicEntry {
				st.keepBody(e.a.Path, j.factsOf(b, src, text))
			}
			if took != nil {
				took(b.res.Text, text)
			}
		}
		if st != nil {
			body = &b.sum
		}
	}
	err := j.streamPage(site, e.file, "article.html", j.articlePage(e, prev, next), body, e.a.Path)
	e.body = nil
	if j.in.DropSources {
		e.a.Body, e.a.Src = nil, nil
	}
	return err
}

// articlePage is the page of e, with the neighbours prev and next.
func (j *job) articlePage(e, prev, next *entry) *Page {
	return &Page{Chrome: Chrome{Site: j.siteInfo}, Title: e.a.FM.Title, Pending: e.kind == pendingEntry,
		Article: j.articleView(e, prev, next), Meta: j.articleMeta(e)}
}

// validFacts returns, by index in j.pages, the body facts the previous
// build kept (Input.Pages) of each public article that still hold now
// (bodyFacts.valid), nil where none do.
func (j *job) validFacts() []*bodyFacts {
	out := make([]*bodyFacts, len(j.pages))
	st := j.in.Pages
	if st == nil || j.in.Reuse == nil {
		return out
	}
	unsafe := j.cfg.Markdown.UnsafeHTML
	parallel(len(j.pages), func(i int) {
		e := j.pages[i]
		if e.kind != publicEntry {
			return
		}
		if src, ok := j.sourceSum(e); ok && st.body(e.a.Path).valid(src, unsafe, j.resolver(e)) {
			out[i] = st.body(e.a.Path)
		}
	})
	return out
}

// sourceSum is the digest of e's article as checked (Input.Sum).
func (j *job) sourceSum(e *entry) ([32]byte, bool) {
	if j.in.Sum == nil {
		return [32]byte{}, false
	}
	return j.in.Sum(e.a)
}

// firstError returns the first error of errs that is not nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// streamOrder starts the search index (j.stream), from the previous
// build's (Input.Pages) when there is one, and orders the pages for
// streamArticlePages: the public articles in the index's id order, so
// that few texts wait for their block, then the others in path order.
// order holds indices into j.pages; sums are the digests of the public
// articles' texts, in j.public's order.
func (j *job) streamOrder(sums [][32]byte) (order []int) {
	docs := j.searchDocs()
	if st := j.in.Pages; st != nil {
		j.stream = search.NewStreamFrom(docs, sums, st.searchPrior(j.in.Previous))
	} else {
		j.stream = search.NewStream(docs)
	}
	page := make(map[*entry]int, len(j.pages))
	for i, e := range j.pages {
		page[e] = i
	}
	order = make([]int, 0, len(j.pages))
	for _, d := range j.stream.Order() {
		order = append(order, page[j.public[d]])
	}
	public := make(map[*entry]bool, len(j.public))
	for _, e := range j.public {
		public[e] = true
	}
	for i, e := range j.pages {
		if !public[e] {
			order = append(order, i)
		}
	}
	return order
}

// source gives e's article its Markdown when it was dropped to be read
// again (Input.Body).
func (j *job) source(e *entry) error {
	if e.a.Body != nil || j.in.Body == nil {
		return nil
	}
	body, err := j.in.Body(e.a)
	e.a.Body = body
	return err
}

// pageBufs recycles the buffers pages are executed into when streaming:
// Input.Sink keeps nothing of a file once it returns.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// streamPage executes template name with p into a recycled buffer and
// hands the page to the sink (Input.Sink), unless the previous build's
// page can be reused (Input.Pages); body is the digest of p's article
// body when known (pageKey), what names the page in an error.
func (j *job) streamPage(site *output, file, name string, p *Page, body *[32]byte, what string) error {
	done, record, err := j.reusePage(site, file, name, p, body, what)
	if done || err != nil {
		return err
	}
	record()
	buf := pageBufs.Get().(*bytes.Buffer)
	defer pageBufs.Put(buf)
	buf.Reset()
	if err := j.tm.pages[name].Execute(buf, p); err != nil {
		return templateError(err)
	}
	return site.put(file, buf.Bytes(), what)
}

// articleView is the page of one article; a withdrawn one shows only its
// title and the withdrawal notice.
func (j *job) articleView(e *entry, prev, next *entry) *ArticleView {
	fm := &e.a.FM
	v := &ArticleView{Title: fm.Title, URL: e.url}
	if e.kind == withdrawnEntry {
		w := fm.Withdrawn
		v.Withdrawn = &WithdrawalView{Date: j.chineseDate(w.At), Reason: w.Reason, Notice: w.Notice}
		return v
	}
	v.IndexNo, v.Department, v.Category, v.DocNo = fm.IndexNo, fm.Department, fm.Category, fm.DocNo
	v.Publisher = j.cfg.Publisher(fm.Department)
	v.Disclosure = string(fm.Disclosure)
	v.Generated, v.Published = e.genDate, e.pubDate
	if fm.Category != "" {
		v.CategoryURL = j.base.link(j.sectionDir(categoryIndex, fm.Category))
	}
	if e.body != nil { // else not rendered: its facts stand for it in the page key
		v.Body = template.HTML(e.body.html)
	}
	atts, _ := attachmentsOf(e)
	for _, at := range atts {
		v.Attachments = append(v.Attachments, Link{Title: path.Base(at.name), URL: j.base.link(at.dest)})
	}
	v.Prev, v.Next = j.articleLink(prev), j.articleLink(next)
	v.Interprets = j.articleLink(j.policyOf[e])
	for _, i := range j.interpretationsOf[e] {
		v.Interpretations = append(v.Interpretations, *j.articleLink(i))
	}
	if vd := e.a.ValidityAt(j.in.Now); vd != nil {
		v.Validity = string(vd.Status)
		v.Notice = j.validityNotice(e.a, vd)
	}
	return v
}

func (j *job) articleLink(e *entry) *Link {
	if e == nil {
		return nil
	}
	return &Link{Title: e.a.FM.Title, URL: e.url}
}

// validityNotice is the visible mark on an article that was amended,
// repealed or has expired, linking the superseding article when public.
func (j *job) validityNotice(a *article.Article, vd *article.Validity) *ValidityNotice {
	switch vd.Status {
	case article.Amended, article.Repealed, article.Expired:
	default:
		return nil
	}
	n := &ValidityNotice{Status: string(vd.Status), Date: j.chineseDate(vd.At)}
	n.Successor = j.articleLink(j.successor(a))
	return n
}

// neighbours pairs each public article with the next older (prev) and next
// newer (next) public article of its category, by generation date.
func (j *job) neighbours() (prev, next map[*entry]*entry) {
	prev, next = map[*entry]*entry{}, map[*entry]*entry{}
	last := map[string]*entry{} // per category, the newer article seen last
	for _, e := range j.public {
		c := e.a.FM.Category
		if newer := last[c]; newer != nil {
			next[e], prev[newer] = newer, e
		}
		last[c] = e
	}
	return prev, next
}

// attachments copies each rendered article's attachments beside its page.
// A missing attachment is an error for a public article and skipped in a
// preview.
func (j *job) attachments(site *output) error {
	for _, e := range j.pages {
		if e.kind == withdrawnEntry {
			continue
		}
		atts, err := attachmentsOf(e)
		if err != nil {
			return err
		}
		if len(atts) > 0 && j.in.Content == nil {
			return msgNoContent.Error(e.a.Path)
		}
		for _, at := range atts {
			data, err := article.ReadAttachment(j.in.Content, at.src)
			if err != nil && e.kind == pendingEntry {
				continue
			}
			if err != nil {
				return msgAttachment.Error(e.a.Path, at.name, err)
			}
			if err := site.put(at.dest, data, msgWhatAttachment.F(e.a.Path, at.name)); err != nil {
				return err
			}
		}
	}
	return nil
}

package search

import (
	"cmp"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// runner loads search.js in node, searches an index on disk for each query
// and prints, per query, the total, the first page's URLs and its HTML.
const runner = `
const s = require(process.argv[2]);
const fs = require('fs'), path = require('path');
const dir = process.argv[3];
const texts = JSON.parse(fs.readFileSync(path.join(dir, 'texts.json'), 'utf8'));
const searcher = new s.Searcher(p => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8'))),
  p => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(dir, p))).buffer),
  url => Promise.resolve(texts[url]));
(async () => {
  const out = [];
  for (const q of JSON.parse(fs.readFileSync(process.argv[4], 'utf8'))) {
    const r = await searcher.run(q);
    const docs = r ? await Promise.all((await searcher.page(r, 0)).map(d => searcher.withText(d))) : [];
    out.push({total: r ? r.total : -1, partial: r ? r.partial : false, urls: docs.map(d => d.url),
      html: (r ? s.countHTML(r.total, r.partial) : '') + s.itemsHTML(docs, r ? r.terms : [], '/base/')});
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
`

var snippetID = regexp.MustCompile(` data-id="\d+"`)

type jsResult struct {
	Total   int
	Partial bool
	URLs    []string
	HTML    string
}

// searchWithNode builds docs into a temporary site and runs queries with
// search.js; it skips the test when node is missing.
func searchWithNode(t *testing.T, docs []Doc, queries []map[string]string) []jsResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; search.js is not tested")
	}
	dir := t.TempDir()
	for name, data := range Build(docs) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	q, _ := json.Marshal(queries)
	texts := map[string]string{}
	for _, d := range docs {
		texts[strings.TrimPrefix(d.URL, "/")] = d.Text
	}
	tj, _ := json.Marshal(texts)
	for name, data := range map[string][]byte{"runner.js": []byte(runner), "queries.json": q, "texts.json": tj} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := filepath.Abs("../render/builtin/search.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir, "runner.js"), script, dir, filepath.Join(dir, "queries.json"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results []jsResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("node printed %s: %v", out, err)
	}
	for i := range results { // the ids that snippets are filled by vary with the corpus
		results[i].HTML = snippetID.ReplaceAllString(results[i].HTML, "")
	}
	return results
}

// jsDocs are four articles about 招商引资 among 300 unrelated ones, whose
// characters and departments never meet the queries below.
func jsDocs() []Doc {
	filler := strings.Repeat("各有关单位要加强统筹协调，形成工作合力。", 10)
	return append([]Doc{
		{URL: "2025/a/", Title: "县招商局工作动态", Text: filler + "今年以来，全县招商引资工作取得新进展。" + filler,
			Date: "2025-03-04", Department: "县招商局", Category: "工作动态",
			IndexNo: "11530000-2025-00012", DocNo: "县招发〔2025〕3号"},
		{URL: "2024/b/", Title: "招商引资项目签约", Text: "项目签约仪式举行。", Date: "2024-01-01", Department: "县发改局"},
		{URL: "2025/c/", Title: "招商工作会议", Text: "会议研究招商工作，部署引资任务。", Date: "2025-05-01", Department: "县招商局"},
		{URL: "2025/d/", Title: "A&B <b>通知</b>", Text: "<script>x</script>招商引资", Date: "2025-06-01", Department: "县发改局"},
		{URL: "2023/e/", Title: "疫情防控", Text: "COVID-19 防控，𠀀𠀁专项。", Date: "2023-01-01"},
	}, corpus(300)...)
}

func TestSearchJSFindsMiddleOfBodyAndRanksTitlesFirst(t *testing.T) {
	r := searchWithNode(t, jsDocs(), []map[string]string{{"q": "招商引资"}})[0]
	// b has the phrase in its title; a has 招商 in its title; d is newer than a.
	if want := []string{"2024/b/", "2025/a/", "2025/d/"}; r.Total != 3 || !slices.Equal(r.URLs, want) {
		t.Errorf("招商引资: %d results %q, want 3 %q", r.Total, r.URLs, want)
	}
	for _, want := range []string{
		`<p class="search-count" role="status">找到 3 条结果</p>`,
		`<a class="search-title" href="/base/2024/b/"><mark>招商引资</mark>项目签约</a>`,
		`<p class="search-snippet">…合力。各有关单位要加强统筹协调，形成工作合力。今年以来，全县<mark>招商引资</mark>工作取得新进展。` +
			strings.Repeat("各有关单位要加强统筹协调，形成工作合力。", 3) + "各有关单位要加强统筹协调，形成工作合…</p>",
		`<a class="search-title" href="/base/2025/d/">A&amp;B &lt;b&gt;通知&lt;/b&gt;</a>`,
		`<p class="search-snippet">&lt;script&gt;x&lt;/script&gt;<mark>招商引资</mark></p>`,
		`<time datetime="2025-03-04">2025-03-04</time> <span class="search-dept">县招商局</span>`,
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %s\nHTML: %s", want, r.HTML)
		}
	}
}

func TestSearchJSFilters(t *testing.T) {
	docs := jsDocs()
	queries := []map[string]string{
		{"department": "县招商局"},
		{"department": "县招商局", "q": "招商"},
		{"doc_no": "招发〔2025〕3"},
		{"index_no": "2025-00012"},
		{"index_no": "2025-00012", "category": "规划"},
		{"q": "局"},
		{"q": "zzz"},
		{"q": "ＣＯＶ 专项"},
		{"q": "𠀀𠀁"},
		{"from": "2021-02-01", "to": "2021-06-30"},
		{"to": "2020-02"},
	}
	want := []struct {
		total int
		urls  []string
	}{
		{2, []string{"2025/c/", "2025/a/"}},
		{2, []string{"2025/c/", "2025/a/"}}, // 招商 in both titles, once in both texts: newest first
		{1, []string{"2025/a/"}},
		{1, []string{"2025/a/"}},
		{0, nil},
		{1, []string{"2025/a/"}},
		{0, nil},
		{1, []string{"2023/e/"}},
		{1, []string{"2023/e/"}},
	}
	results := searchWithNode(t, docs, queries)
	for i, w := range want {
		if r := results[i]; r.Total != w.total || !slices.Equal(r.URLs, w.urls) {
			t.Errorf("%v: %d results %q, want %d %q", queries[i], r.Total, r.URLs, w.total, w.urls)
		}
	}
	if !strings.Contains(results[6].HTML, "没有找到相关信息") {
		t.Errorf("no-result HTML = %s", results[6].HTML)
	}
	if want := `<p class="search-snippet"><mark>COV</mark>ID-19 防控，𠀀𠀁<mark>专项</mark>。</p>`; !strings.Contains(results[7].HTML, want) {
		t.Errorf("HTML lacks %s\nHTML: %s", want, results[7].HTML)
	}
	for i, q := range queries[9:] {
		got := results[9+i]
		inRange := byDate(docs, q["from"], q["to"])
		if got.Total != len(inRange) || !slices.Equal(got.URLs, inRange[:min(20, len(inRange))]) {
			t.Errorf("%v: %d results %q, want %d %q", q, got.Total, got.URLs, len(inRange), inRange)
		}
	}
}

// byDate lists the URLs of the docs generated from … to, newest first.
func byDate(docs []Doc, from, to string) []string {
	if len(to) < 10 {
		to += "~"
	}
	var in []Doc
	for _, d := range docs {
		if d.Date >= from && d.Date <= to {
			in = append(in, d)
		}
	}
	slices.SortFunc(in, func(a, b Doc) int { return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.URL, b.URL)) })
	var urls []string
	for _, d := range in {
		urls = append(urls, d.URL)
	}
	return urls
}

// peopleDocs are the articles the query forms below are tried on, among
// 300 unrelated ones.
func peopleDocs() []Doc {
	return append([]Doc{
		{URL: "2026/typhoon/", Title: "关于做好台风防御期间安全防范工作的紧急通知", Text: "各科室：请做好值班值守。",
			Date: "2026-07-01", Department: "办公室", DocNo: "招商〔2026〕2号"},
		{URL: "2026/tax/", Title: "办公设备采购公告", Text: "报价含税，含运输及安装费用。", Date: "2026-05-01", Department: "办公室"},
		{URL: "2026/flood/", Title: "防汛工作部署", Text: "台风季节临近，各单位要落实防御措施。", Date: "2026-06-01"},
		{URL: "2026/work/", Title: "一季度工作总结", Text: "台风过境后，全局恢复正常工作。", Date: "2026-04-01"},
	}, corpus(300)...)
}

func TestSearchJSQueriesAsPeopleTypeThem(t *testing.T) {
	queries := []map[string]string{
		{"q": "税"},               // one character: bodies too
		{"q": "台风防御工作"},          // not adjacent anywhere: partial matches
		{"q": `"台风防御工作"`},        // a quoted phrase: no partial matches
		{"q": "台风 工作"},           // both words, anywhere
		{"q": "台风防御"},            // adjacent in the title
		{"doc_no": "招商[2026]2号"}, // brackets as typed
		{"doc_no": "招商（2026）2号"},
		{"doc_no": "招商【2026】2"},
		{"q": "ＣＯＶＩＤ"},             // full-width letters
		{"q": "台风 防御 工作 总结 采购 公告"}, // half the words: partial, most first
	}
	results := searchWithNode(t, peopleDocs(), queries)
	want := []struct {
		total   int
		partial bool
		urls    []string
	}{
		{1, false, []string{"2026/tax/"}},
		{2, true, []string{"2026/typhoon/", "2026/flood/"}}, // 3 of its 5 bigrams, 2 of 5 is too few
		{0, false, nil},
		{3, false, []string{"2026/typhoon/", "2026/flood/", "2026/work/"}}, // both in the title first, then newest
		{1, false, []string{"2026/typhoon/"}},
		{1, false, []string{"2026/typhoon/"}},
		{1, false, []string{"2026/typhoon/"}},
		{1, false, []string{"2026/typhoon/"}},
		{0, false, nil},
		{3, true, []string{"2026/typhoon/", "2026/work/", "2026/flood/"}}, // three of six each; more in the title first
	}
	for i, w := range want {
		r := results[i]
		if r.Total != w.total || r.Partial != w.partial || !slices.Equal(r.URLs, w.urls) {
			t.Errorf("%v: %d results (partial %v) %q, want %d (partial %v) %q",
				queries[i], r.Total, r.Partial, r.URLs, w.total, w.partial, w.urls)
		}
	}
	if want := "没有完全匹配的结果，以下为部分匹配（2 条）"; !strings.Contains(results[1].HTML, want) {
		t.Errorf("partial results lack %q: %s", want, results[1].HTML)
	}
	if want := `<p class="search-snippet">报价含<mark>税</mark>，含运输及安装费用。</p>`; !strings.Contains(results[0].HTML, want) {
		t.Errorf("税 lacks %s\nHTML: %s", want, results[0].HTML)
	}
	if !strings.Contains(results[2].HTML, "没有找到相关信息") {
		t.Errorf("a quoted phrase with no match: %s", results[2].HTML)
	}
}

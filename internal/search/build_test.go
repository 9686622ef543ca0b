package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// postingsOf reads a token's posting list from the built files as id → 1
// when the document's title has the token, else 0.
func postingsOf(t *testing.T, files map[string][]byte, token string) map[int]int {
	t.Helper()
	var meta struct{ Shards int }
	if err := json.Unmarshal(files["search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("search/index/%d.bin", shardOf(token, meta.Shards))
	ids, title, err := readPosting(files[name], token)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[int]int{}
	for _, id := range ids {
		out[id] = 0
	}
	for _, id := range title {
		out[id] = 1
	}
	return out
}

// readPosting decodes one token's ids and title ids from a shard file, as
// search.js does.
func readPosting(b []byte, token string) (ids, title []int, err error) {
	if !bytes.HasPrefix(b, []byte(shardMagic)) {
		return nil, nil, fmt.Errorf("no %s header", shardMagic)
	}
	b = b[len(shardMagic):]
	next := func() int {
		x, n := binary.Uvarint(b)
		b = b[n:]
		return int(x)
	}
	deltas := func(d []byte) []int {
		var out []int
		id := 0
		for len(d) > 0 {
			x, n := binary.Uvarint(d)
			d = d[n:]
			id += int(x)
			out = append(out, id)
		}
		return out
	}
	for count := next(); count > 0; count-- {
		tok := string(b[:next()])
		b = b[len(tok):]
		enc := b[0]
		b = b[1:]
		n, size := next(), next()
		data := b[:size]
		b = b[size:]
		tdata := b[:next()]
		b = b[len(tdata):]
		if tok != token {
			continue
		}
		if enc == encBitmap {
			first, k := binary.Uvarint(data)
			for i, c := range data[k:] {
				for bit := range 8 {
					if c&(1<<bit) != 0 {
						ids = append(ids, int(first)+i*8+bit)
					}
				}
			}
		} else {
			ids = deltas(data)
		}
		if len(ids) != n {
			return nil, nil, fmt.Errorf("%s: %d ids, header says %d", tok, len(ids), n)
		}
		return ids, deltas(tdata), nil
	}
	return nil, nil, nil
}

// idOf finds a document's id by its URL in the docs chunks.
func idOf(t *testing.T, files map[string][]byte, url string) int {
	t.Helper()
	for c := 0; ; c++ {
		b, ok := files[fmt.Sprintf("search/docs/%d.json", c)]
		if !ok {
			t.Fatalf("no document %s", url)
		}
		var chunk [][]string
		if err := json.Unmarshal(b, &chunk); err != nil {
			t.Fatal(err)
		}
		for i, f := range chunk {
			if f[0] == url {
				return c*docChunk + i
			}
		}
	}
}

func TestBuildIsDeterministicWhateverTheInputOrder(t *testing.T) {
	docs := corpus(600)
	a := Build(docs)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	b := Build(docs)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestMiddleBigramIsInItsShardForTheDoc(t *testing.T) {
	docs := corpus(300)
	docs[123].Text = strings.Repeat("各有关单位要加强统筹协调。", 20) + "开展招商引资活动，招商成效明显。" + strings.Repeat("形成工作合力。", 20)
	files := Build(docs)
	id := idOf(t, files, docs[123].URL)
	// 招商 occurs in the text and not in the title.
	if w, ok := postingsOf(t, files, "招商")[id]; !ok || w != 0 {
		t.Errorf("招商 posting for doc %d: title bit %d (present %v), want 0", id, w, ok)
	}
	if _, ok := postingsOf(t, files, "商成")[id]; !ok {
		t.Errorf("商成 has no posting for doc %d", id)
	}
	if _, ok := postingsOf(t, files, "。开")[id]; ok {
		t.Errorf("punctuation made a bigram")
	}
}

func TestTitleFieldAndWordTokens(t *testing.T) {
	files := Build([]Doc{{
		URL: "2025/a/", Title: "县财政局COVID通知", Text: "正文 covid19 与 COVID。", Date: "2025-03-04",
		IndexNo: "1153-2025-007", DocNo: "县财发〔2025〕7号", Department: "县财政局", Category: "财政",
	}})
	for token, want := range map[string]int{
		"正文": 0, "财政": 1, "局": 1, "通": 1, "正": 0, // bigrams and single characters: 1 in the title
		"covid": 1, "cov": 1, "covid1": 0, "c": 1, // word prefixes, text and title
		"i:-0": 0, "n:(2": 0, "n:5)": 0, "d:县财政局": 0, "c:财政": 0, // fields; brackets folded
	} {
		if w, ok := postingsOf(t, files, token)[0]; !ok || w != want {
			t.Errorf("%s: weight %d (present %v), want %d", token, w, ok, want)
		}
	}
	for _, token := range []string{"t:正", "d:财政", "县财政局", "n:〔2"} {
		if _, ok := postingsOf(t, files, token)[0]; ok {
			t.Errorf("%s has a posting", token)
		}
	}
}

func TestShardCountGrowsWithCorpus(t *testing.T) {
	for _, c := range []struct{ docs, shards int }{
		{0, 1}, {199, 1}, {200, 8}, {1000, 32}, {10000, 256}, {100000, 256},
	} {
		if got := shardCount(c.docs); got != c.shards {
			t.Errorf("shardCount(%d) = %d, want %d", c.docs, got, c.shards)
		}
	}
	n := 0
	for name := range Build(corpus(400)) {
		if strings.HasPrefix(name, "search/index/") {
			n++
		}
	}
	if n != 16 {
		t.Errorf("400 documents: %d shard files, want 16", n)
	}
}

func TestFilesAreUnderSearchValidAndHoldOnlyGivenDocs(t *testing.T) {
	docs := corpus(250)
	kept, left := docs[:249], docs[249]
	left.Text = "未公开的内部讲话稿不应出现在网站上"
	files := Build(kept)
	for name, data := range files {
		shard := strings.HasPrefix(name, "search/index/") && strings.HasSuffix(name, ".bin")
		if !strings.HasPrefix(name, "search/") || !shard && !strings.HasSuffix(name, ".json") {
			t.Errorf("file %s is outside search/ or neither JSON nor a shard", name)
		}
		if shard && !bytes.HasPrefix(data, []byte(shardMagic)) || !shard && !json.Valid(data) {
			t.Errorf("%s is not a valid shard or JSON file", name)
		}
		if bytes.Contains(data, []byte("内部讲话")) || bytes.Contains(data, []byte(left.URL)) {
			t.Errorf("%s holds text of a document not passed in", name)
		}
	}
	want := `{"version":2,"docs":249,"shards":8,"docChunk":16,"maxWord":24,"chunkDates":[`
	if meta := string(files["search/meta.json"]); !strings.HasPrefix(meta, want) {
		t.Errorf("meta.json = %s, want prefix %s", meta, want)
	}
}

func TestEmptyBuildHasMetaAndOneEmptyShard(t *testing.T) {
	files := Build(nil)
	want := map[string]string{
		"search/meta.json":   `{"version":2,"docs":0,"shards":1,"docChunk":16,"maxWord":24,"chunkDates":[]}` + "\n",
		"search/index/0.bin": shardMagic + "\x00",
	}
	if len(files) != len(want) {
		t.Errorf("files: %d, want %d", len(files), len(want))
	}
	for name, w := range want {
		if got := string(files[name]); got != w {
			t.Errorf("%s = %q, want %q", name, got, w)
		}
	}
}

func TestAppendStringEscapes(t *testing.T) {
	in := "a\"b\\c\n\t\x01中\u2028\xffz"
	got := string(appendString(nil, in))
	want := `"a\"b\\c\n\t\u0001中\u2028` + "\uFFFD" + `z"`
	if got != want {
		t.Errorf("appendString = %s, want %s", got, want)
	}
	var back string
	if err := json.Unmarshal([]byte(got), &back); err != nil || back != strings.ToValidUTF8(in, "\uFFFD") {
		t.Errorf("round trip = %q, %v", back, err)
	}
}

func TestBuildOnceGivesBuildsFilesAndForgetsTheTexts(t *testing.T) {
	docs := corpus(600)
	want := Build(slices.Clone(docs))
	got := BuildOnce(docs)
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("BuildOnce's files differ from Build's")
	}
	for _, d := range docs {
		if d.Text != "" {
			t.Fatal("BuildOnce kept a text")
		}
	}
}

// TestBuildMatchesIndexer compares Build, which tokenises a block of
// documents at a time and keeps no tokens, with an Indexer, which holds
// every document's tokens, on corpora of one shard, of a block or less and
// of several blocks, the last one partial.
func TestBuildMatchesIndexer(t *testing.T) {
	for _, n := range []int{0, 1, 150, 600, 2*streamBlock + 300} {
		docs := corpus(n)
		if n > 0 {
			docs[n/2].Title += " COVID19 招商〔2026〕2号" // words and numbers across tokenizers
		}
		sameFiles(t, fmt.Sprintf("%d docs", n), Build(docs), new(Indexer).Build(docs))
	}
}

// TestDenseListsAreEncodedAsLists builds postings of every density, which
// turn into bitmaps while they grow and may turn back, and checks the
// shard file against the format written out from the ids themselves.
func TestDenseListsAreEncodedAsLists(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 16 {
		gap := []int{1, 2, 3, 5, 8, 12, 40, 200}[i/2]
		var ids []uint32
		for id := r.IntN(100); len(ids) < 3000; id += 1 + r.IntN(gap) {
			ids = append(ids, uint32(id))
		}
		if i%2 == 1 {
			ids = append(ids, ids[len(ids)-1]+100000) // a straggler: back to a list
		}
		p := &posting{}
		for _, id := range ids {
			p.add(id << 8)
		}
		var list []byte
		last := uint32(0)
		for _, id := range ids {
			list = binary.AppendUvarint(list, uint64(id-last))
			last = id
		}
		data, enc := list, byte(encList)
		if n := int(ids[len(ids)-1]-ids[0])/8 + 1; n+binary.MaxVarintLen32 < len(list) {
			data, enc = binary.AppendUvarint(nil, uint64(ids[0])), encBitmap
			data = append(data, make([]byte, n)...)
			head := len(data) - n
			for _, id := range ids {
				k := id - ids[0]
				data[head+int(k/8)] |= 1 << (k % 8)
			}
		}
		want := binary.AppendUvarint([]byte(shardMagic), 1)
		want = append(binary.AppendUvarint(want, 1), 'x', enc)
		want = binary.AppendUvarint(want, uint64(len(ids)))
		want = binary.AppendUvarint(want, uint64(len(data)))
		want = append(append(want, data...), 0)
		if got := shardBinary(map[string]*posting{"x": p}); !bytes.Equal(got, want) {
			t.Errorf("gap %d, %d ids (dense %v): shard differs from the ids' encoding", gap, len(ids), p.dense)
		}
	}
}

// TestStreamInAnyOrderGivesBuildOnces hands a Stream the texts in a
// shuffled order, from several goroutines, and compares its files with
// BuildOnce's byte for byte, on no document, one, a block less one, a
// block and several blocks, the last one partial.
func TestStreamInAnyOrderGivesBuildOnces(t *testing.T) {
	for _, n := range []int{0, 1, streamBlock - 1, streamBlock, 2500} {
		docs := corpus(n)
		if n > 0 {
			docs[n/2].Title += " COVID19 招商〔2026〕2号"
		}
		texts := make([]string, n)
		fields := slices.Clone(docs)
		for i := range fields {
			texts[i], fields[i].Text = fields[i].Text, "x" // ignored
		}
		want := BuildOnce(docs)
		s := NewStream(fields)
		perm := rand.New(rand.NewPCG(uint64(n), 7)).Perm(n)
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() {
				for k := w; k < n; k += 3 {
					s.Add(perm[k], texts[perm[k]])
				}
			})
		}
		wg.Wait()
		if got := s.Files(); !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%d docs: Stream's files differ from BuildOnce's", n)
		}
		sorted := sortDocs(docs)
		order := s.Order()
		if len(order) != n {
			t.Fatalf("%d docs: Order has %d", n, len(order))
		}
		for id, i := range order {
			if strings.TrimPrefix(fields[i].URL, "/") != sorted[id].URL || fields[i].Title != sorted[id].Title {
				t.Fatalf("%d docs: Order[%d] is %s, id %d is %s", n, id, fields[i].URL, id, sorted[id].URL)
			}
		}
	}
}

// TestAppendStringIsValidateThenEscape compares appendString, which checks
// UTF-8 as it copies, with validating first and escaping after, on random
// strings of ASCII, control characters, Chinese, U+2028, four-byte
// characters and broken, overlong and surrogate sequences.
func TestAppendStringIsValidateThenEscape(t *testing.T) {
	parts := []string{"a", "\"", "\\", "\n", "\t", "\x01", "\x1f", "中", "文", "\u2028", "\u2029", "\u2027", "😀",
		"\xff", "\xe4\xb8", "\xe0\x80\x80", "\xe0\xa0\x80", "\xed\xa0\x80", "\xed\x9f\xbf", "\xef\xbf\xbd", "\xc3\xa9", "\xc3", "\xf0\x9f"}
	r := rand.New(rand.NewPCG(1, 1))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := appendString([]byte("x"), s), validateThenEscape([]byte("x"), s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %q, want %q", s, got, want)
		}
	}
}

// validateThenEscape is appendString as it was written first.
func validateThenEscape(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xE2 {
			continue
		}
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\t':
			esc = `\t`
		case c < 0x20:
			esc = `\u00` + hex[c>>4:c>>4+1] + hex[c&0xF:c&0xF+1]
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			esc = `\u202` + hex[s[i+2]-0xA0:s[i+2]-0x9F]
			b = append(append(b, s[start:i]...), esc...)
			i += 2
			start = i + 1
			continue
		default:
			continue
		}
		b = append(append(b, s[start:i]...), esc...)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

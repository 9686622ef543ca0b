package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// randomDoc is document number i with random fields and a short text: Han
// words over a few hundred characters (so that many tokens are in most
// documents and are written as bitmaps), Latin words of every length,
// numbers and punctuation. Its date is one of a few, so that documents
// share dates and their ids are ordered by URL.
func randomDoc(r *rand.Rand, i int) Doc {
	han := func(n int) string {
		w := make([]rune, n)
		for j := range w {
			w[j] = rune(0x4E00 + int(400*r.Float64()*r.Float64()))
		}
		return string(w)
	}
	latin := func() string {
		if k := r.IntN(8); k < 4 {
			return []string{"COVID19", "gdp", "Ｘｉ２", "a1"}[k]
		}
		return strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(30))
	}
	var text strings.Builder
	for range r.IntN(40) {
		switch r.IntN(6) {
		case 0:
			text.WriteString(latin() + " ")
		case 1:
			fmt.Fprintf(&text, "%d，", r.IntN(3000))
		default:
			text.WriteString(han(2+r.IntN(4)) + []string{"", "，", "。", "、"}[r.IntN(4)])
		}
	}
	title := han(2 + r.IntN(8))
	if r.IntN(4) == 0 {
		title += " " + latin()
	}
	url := fmt.Sprintf("%d/doc-%d/", 2020+r.IntN(3), i)
	if r.IntN(5) == 0 {
		url = "/" + url
	}
	return Doc{
		URL: url, Title: title, Text: text.String(),
		IndexNo:    fmt.Sprintf("1153-%d-%03d", 2020+r.IntN(3), r.IntN(1000)),
		DocNo:      []string{"", "县政发〔2025〕3号", "县财发[2024]12号", "招商【2026】2号"}[r.IntN(4)],
		Department: []string{"", "县财政局", "县招商局", "部门3", "部门4"}[r.IntN(5)],
		Category:   []string{"", "财政", "招商", "其他"}[r.IntN(4)],
		Date:       fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(3), 1+r.IntN(6)),
	}
}

// randomDocs is n random documents, a few of them twice.
func randomDocs(r *rand.Rand, n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		if i > 0 && r.IntN(30) == 0 {
			docs[i] = docs[r.IntN(i)]
		} else {
			docs[i] = randomDoc(r, i)
		}
	}
	return docs
}

// edit returns a copy of docs after some edits of every kind, in a new
// input order: texts, titles, dates (moving ids) and fields changed,
// documents removed and added, some in bulk, exact duplicates, and twins
// (the same URL, title and date with another text, which only the input
// order sorts).
func edit(r *rand.Rand, docs []Doc) []Doc {
	docs = slices.Clone(docs)
	next := 100000 + r.IntN(100000)
	some := func() int { return r.IntN(len(docs)) }
	for range r.IntN(10) {
		op := r.IntN(10)
		if len(docs) == 0 {
			op = 5
		}
		switch op {
		case 0:
			docs[some()].Text += "补充说明COVID19。"
		case 1:
			docs[some()].Title = "新标题" + docs[some()].Title
		case 2:
			docs[some()].Date = fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(3), 1+r.IntN(6))
		case 3:
			d := &docs[some()]
			d.Department, d.Category, d.IndexNo, d.DocNo = "县财政局", "其他", "X-1", "县发〔2026〕1号"
		case 4:
			i := some()
			docs = slices.Delete(docs, i, i+1)
		case 5:
			docs = append(docs, randomDoc(r, next))
			next++
		case 6:
			docs = append(docs, docs[some()])
		case 7:
			twin := docs[some()]
			twin.Text = "另一份正文" + twin.Text
			docs = append(docs, twin)
		case 8:
			for range 5 + r.IntN(30) {
				docs = append(docs, randomDoc(r, next))
				next++
			}
		case 9:
			i := some()
			docs = slices.Delete(docs, i, min(len(docs), i+5+r.IntN(30)))
		}
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// resize cuts docs to n documents or adds random ones up to n.
func resize(r *rand.Rand, docs []Doc, n int) []Doc {
	if n <= len(docs) {
		return docs[:n]
	}
	for len(docs) < n {
		docs = append(docs, randomDoc(r, 200000+len(docs)))
	}
	return docs
}

// streamFrom indexes docs with NewStreamFrom from prior, handing over
// only the texts that Need asks for, in a random order from two
// goroutines.
func streamFrom(r *rand.Rand, docs []Doc, prior *Prior) *Stream {
	fields := slices.Clone(docs)
	sums := make([][32]byte, len(docs))
	for i := range fields {
		sums[i] = sha256.Sum256([]byte(docs[i].Text))
		fields[i].Text = "x" // ignored
	}
	s := NewStreamFrom(fields, sums, prior)
	perm := r.Perm(len(docs))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for k := w; k < len(perm); k += 2 {
				if i := perm[k]; s.Need(i) {
					s.Add(i, docs[i].Text)
				}
			}
		})
	}
	wg.Wait()
	return s
}

// priorOf is the Prior that a build that wrote files with state leaves.
func priorOf(state []byte, files map[string][]byte) *Prior {
	return ReadPrior(state, func(name string) ([]byte, bool) {
		b, ok := files[name]
		return b, ok
	})
}

// unchanged reports, for each of docs, whether the previous docs had it:
// the documents of equal fields and text, the k-th of them in s's id
// order matched with the k-th previous one.
func unchanged(s *Stream, prev, docs []Doc) []bool {
	left := map[Doc]int{}
	for _, d := range prev {
		left[d]++
	}
	out := make([]bool, len(docs))
	for _, i := range s.Order() {
		if left[docs[i]] > 0 {
			left[docs[i]]--
			out[i] = true
		}
	}
	return out
}

// checkNeed reports the documents whose Need is not the opposite of
// unchanged, and returns how many texts were needed.
func checkNeed(t *testing.T, step string, s *Stream, unchanged []bool) int {
	t.Helper()
	n := 0
	for i, u := range unchanged {
		if s.Need(i) == u {
			t.Errorf("%s: document %d: Need %v, unchanged %v", step, i, s.Need(i), u)
		}
		if s.Need(i) {
			n++
		}
	}
	return n
}

// TestStreamFromPriorIsACleanStream builds random corpora, then each again
// after random edits from the first build's state and files, and a third
// time from the second's: each time the files must be a clean Build's,
// and the texts needed exactly those of the documents the previous build
// did not have. Corpora sizes cross the shard counts' boundaries (200,
// 320, 640 documents), so that tokens move to other shards.
func TestStreamFromPriorIsACleanStream(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	sizes := []int{0, 1, 7, 150, 190, 199, 200, 210, 300, 315, 320, 325, 335, 500, 630, 645}
	total := 0
	for round := range 60 {
		docs := randomDocs(r, sizes[round%len(sizes)]+r.IntN(4))
		s := streamFrom(r, docs, nil)
		files, state := s.Files(), s.State()
		sameFiles(t, fmt.Sprintf("round %d: first build", round), files, Build(docs))
		for step := range 2 {
			name := fmt.Sprintf("round %d, build %d (%d → ", round, step+2, len(docs))
			prev := docs
			docs = edit(r, docs)
			if round%4 == 3 { // to another size, most likely another shard count
				docs = resize(r, docs, sizes[r.IntN(len(sizes))])
			}
			name += fmt.Sprintf("%d docs)", len(docs))
			s = streamFrom(r, docs, priorOf(state, files))
			reused := len(docs) - checkNeed(t, name, s, unchanged(s, prev, docs))
			if step == 0 && round%4 != 3 && len(prev) > 100 && reused == 0 {
				t.Errorf("%s: no document reused", name)
			}
			total += reused
			files, state = s.Files(), s.State()
			sameFiles(t, name, files, Build(docs))
		}
	}
	if total < 5000 {
		t.Errorf("%d documents reused in all, want more", total)
	}
}

// TestStreamFromPriorAfterOneEdit edits one text of several blocks of
// documents, and moves one document to the top (all ids shift), and
// checks that one text only is needed.
func TestStreamFromPriorAfterOneEdit(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	docs := randomDocs(r, streamBlock+300)
	s := streamFrom(r, docs, nil)
	files, state := s.Files(), s.State()
	for _, step := range []struct {
		name string
		need int
		edit func()
	}{
		{"one text edited", 1, func() { docs[1200].Text += "新增一段关于招商引资的说明。" }},
		{"one document moved to the top", 1, func() { docs[5].Date = "2031-01-01" }},
		{"one document added at the top", 1, func() {
			docs = append(docs, Doc{URL: "new/", Title: "新文", Text: "新文正文COVID19", Date: "2032-05-05"})
		}},
		{"one document removed", 0, func() { docs = slices.Delete(docs, 700, 701) }},
		{"nothing changed", 0, func() {}},
	} {
		prev := slices.Clone(docs)
		step.edit()
		s = streamFrom(r, docs, priorOf(state, files))
		if n := checkNeed(t, step.name, s, unchanged(s, prev, docs)); n != step.need {
			t.Errorf("%s: %d texts needed, want %d", step.name, n, step.need)
		}
		files, state = s.Files(), s.State()
		sameFiles(t, step.name, files, Build(docs))
	}
}

// TestStreamFromDamagedPriorNeedsEveryText starts streams from priors
// whose state is garbage or whose shard files are missing, damaged or of
// another build, and checks that every text is needed and the files are
// still a clean Build's.
func TestStreamFromDamagedPriorNeedsEveryText(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	docs := randomDocs(r, 300) // 8 shards
	s := streamFrom(r, docs, nil)
	files, state := s.Files(), s.State()
	fewer := streamFrom(r, docs[:250], nil) // 8 shards too, ids below 250
	docs[17].Text += "补充。"
	damaged := func(f func(map[string][]byte)) map[string][]byte {
		out := maps.Clone(files)
		f(out)
		return out
	}
	const shard = "search/index/3.bin"
	cases := []struct {
		name  string
		state []byte
		files map[string][]byte
	}{
		{"no state", nil, files},
		{"garbage state", []byte("garbage"), files},
		{"state cut short", state[:len(state)-1], files},
		{"state too long", append(slices.Clone(state), 0), files},
		{"state of another version", append([]byte("gongkai-search\x00\x02"), state[len(priorMagic):]...), files},
		{"shard missing", state, damaged(func(m map[string][]byte) { delete(m, shard) })},
		{"shard cut short", state, damaged(func(m map[string][]byte) { m[shard] = m[shard][:len(m[shard])-1] })},
		{"shard with bytes after", state, damaged(func(m map[string][]byte) { m[shard] = append(slices.Clone(m[shard]), 0) })},
		{"shard of another format", state, damaged(func(m map[string][]byte) { m[shard] = append([]byte("GKS1"), m[shard][4:]...) })},
		{"shard empty", state, damaged(func(m map[string][]byte) { m[shard] = nil })},
		{"shards swapped", state, damaged(func(m map[string][]byte) {
			m[shard], m["search/index/4.bin"] = m["search/index/4.bin"], m[shard]
		})},
		{"the files of more documents", fewer.State(), files},
	}
	want := Build(docs)
	for _, c := range cases {
		s := streamFrom(r, docs, priorOf(c.state, c.files))
		for i := range docs {
			if !s.Need(i) {
				t.Errorf("%s: document %d not needed", c.name, i)
				break
			}
		}
		sameFiles(t, c.name, s.Files(), want)
	}
}

// TestCopyBitsMatchesBitByBit copies runs of every offset and length
// between a byte bitmap and words and compares with a bit-by-bit copy.
func TestCopyBitsMatchesBitByBit(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	src := make([]byte, 40)
	for i := range src {
		src[i] = byte(r.Uint32())
	}
	for range 2000 {
		from := r.IntN(len(src) * 8)
		n := r.IntN(len(src)*8 - from + 1)
		at := r.IntN(300)
		got, want := make([]uint64, 10), make([]uint64, 10)
		copyBits(got, at, src, from, n)
		for k := range n {
			if src[(from+k)/8]&(1<<((from+k)%8)) != 0 {
				want[(at+k)/64] |= 1 << ((at + k) % 64)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("copyBits(at %d, from %d, n %d) = %x, want %x", at, from, n, got, want)
		}
		if k := r.IntN(len(want) * 64); wordBits(want, k) != wantBits(want, k) {
			t.Fatalf("wordBits(%d) = %x, want %x", k, wordBits(want, k), wantBits(want, k))
		}
	}
}

// wantBits is wordBits bit by bit.
func wantBits(w []uint64, from int) uint64 {
	var v uint64
	for k := range 64 {
		if i := from + k; i < len(w)*64 && w[i/64]&(1<<(i%64)) != 0 {
			v |= 1 << k
		}
	}
	return v
}

// TestRenumberIsTheListOfTheNewIds renumbers random posting lists, sparse
// to dense, with long gaps and short, after random edits of the
// documents (removed, added, moved, reordered), and compares each entry
// written with that of a posting of the expected new ids.
func TestRenumberIsTheListOfTheNewIds(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for round := range 1000 {
		docs := 1 + r.IntN([]int{300, 3000, 50000}[round%3])
		old := make([][32]byte, docs)
		for i := range old {
			old[i][0], old[i][1], old[i][2] = byte(i), byte(i>>8), byte(i>>16)
		}
		cur := slices.Clone(old)
		for range r.IntN(6) {
			i := r.IntN(len(cur) + 1)
			switch r.IntN(3) {
			case 0: // removed
				if i < len(cur) {
					cur = slices.Delete(cur, i, min(len(cur), i+1+r.IntN(200)))
				}
			case 1: // added
				cur = slices.Insert(cur, i, [32]byte{1: 0xFF, 2: byte(r.IntN(256)), 3: byte(round)})
			case 2: // moved
				if i < len(cur) {
					d := cur[i]
					cur = slices.Delete(cur, i, i+1)
					cur = slices.Insert(cur, r.IntN(len(cur)+1), d)
				}
			}
		}
		c := &carry{docs: len(cur)}
		if c.match(old, cur) == 0 {
			continue
		}
		gap := []int{1, 2, 3, 8, 14, 15, 16, 20, 130, 1000, 20000}[r.IntN(11)]
		ids := func(n int, need bool) []uint32 {
			var out []uint32
			for id := r.IntN(gap) + r.IntN(2)*r.IntN(n); id < n; id += 1 + r.IntN(gap) {
				if r.IntN(50) == 0 {
					id += r.IntN(300) // a long gap now and then
				}
				if id < n && (!need || c.need[id]) {
					out = append(out, uint32(id))
				}
			}
			return out
		}
		olds, adds := ids(docs, false), ids(len(cur), true)
		if r.IntN(2) == 0 {
			adds = nil // no document tokenised anew has the token
		}
		if len(olds) == 0 {
			continue
		}
		oldTitle, addTitle := sample(r, olds), sample(r, adds)
		file := shardBinary(map[string]*posting{"x": postingOf(olds, oldTitle)})
		parsed, ok := parseShard(file, 0, 1, docs)
		if !ok {
			t.Fatalf("round %d: the shard written does not parse", round)
		}
		var p *posting
		if len(adds) > 0 {
			p = postingOf(adds, addTitle)
		}
		var want, wantTitle []uint32
		for _, id := range olds {
			if n := c.newOf[id]; n >= 0 {
				want = append(want, uint32(n))
			}
		}
		for _, id := range oldTitle {
			if n := c.newOf[id]; n >= 0 {
				wantTitle = append(wantTitle, uint32(n))
			}
		}
		want, wantTitle = sortedUnion(want, adds), sortedUnion(wantTitle, addTitle)
		var sc scratch
		q := c.renumber(&parsed[0], p, &sc)
		if len(want) == 0 {
			if q.n != 0 {
				t.Errorf("round %d: %d ids, want none", round, q.n)
			}
			continue
		}
		got, exp := appendPosting(nil, "x", q), appendPosting(nil, "x", postingOf(want, wantTitle))
		if !slices.Equal(got, exp) {
			t.Errorf("round %d (%d docs, gap %d, %d ids, dense %v): entry %x…, want %x…", round, docs, gap, len(want), q.dense, got[:min(16, len(got))], exp[:min(16, len(exp))])
		}
	}
}

// postingOf is the posting of ascending ids, title the ids among them
// whose title has the token.
func postingOf(ids, title []uint32) *posting {
	p := &posting{}
	for _, id := range ids {
		w := uint32(0)
		if _, ok := slices.BinarySearch(title, id); ok {
			w = 1
		}
		p.add(id<<8 | w)
	}
	return p
}

// sample is a random part of ids.
func sample(r *rand.Rand, ids []uint32) []uint32 {
	var out []uint32
	for _, id := range ids {
		if r.IntN(4) == 0 {
			out = append(out, id)
		}
	}
	return out
}

// sortedUnion is the ascending union of two lists.
func sortedUnion(a, b []uint32) []uint32 {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// TestParseShardRejectsWhatShardBinaryDoesNotWrite checks that entries a
// shard file of the writer's never holds make the file unusable.
func TestParseShardRejectsWhatShardBinaryDoesNotWrite(t *testing.T) {
	entry := func(token string, enc byte, n int, data, title []byte) []byte {
		b := binary.AppendUvarint(nil, uint64(len(token)))
		b = append(append(b, token...), enc)
		b = binary.AppendUvarint(b, uint64(n))
		b = binary.AppendUvarint(b, uint64(len(data)))
		b = append(b, data...)
		b = binary.AppendUvarint(b, uint64(len(title)))
		return append(b, title...)
	}
	file := func(entries ...[]byte) []byte {
		b := binary.AppendUvarint([]byte(shardMagic), uint64(len(entries)))
		for _, e := range entries {
			b = append(b, e...)
		}
		return b
	}
	const docs = 300
	good := entry("a", encList, 2, []byte{3, 5}, []byte{8})
	if _, ok := parseShard(file(good, entry("b", encBitmap, 3, []byte{7, 0b1011}, nil)), 0, 1, docs); !ok {
		t.Fatal("a good file does not parse")
	}
	for name, b := range map[string][]byte{
		"a delta not in its shortest form": file(entry("a", encList, 2, []byte{3, 0x85, 0}, nil)),
		"an id past the documents":         file(entry("a", encList, 2, []byte{3, 0xAC, 2}, nil)),
		"the same id twice":                file(entry("a", encList, 2, []byte{3, 0}, nil)),
		"a count that is not the ids'":     file(entry("a", encList, 3, []byte{3, 5}, nil)),
		"no ids":                           file(entry("a", encList, 0, nil, nil)),
		"a title id past the documents":    file(entry("a", encList, 1, []byte{3}, []byte{0xAC, 2})),
		"a bitmap with a zero last byte":   file(entry("a", encBitmap, 2, []byte{7, 0b11, 0}, nil)),
		"a bitmap not from its first id":   file(entry("a", encBitmap, 1, []byte{7, 0b10}, nil)),
		"a bitmap past the documents":      file(entry("a", encBitmap, 2, []byte{0xAB, 2, 0b11}, nil)),
		"a bitmap of another count":        file(entry("a", encBitmap, 3, []byte{7, 0b11}, nil)),
		"an unknown encoding":              file(entry("a", 2, 1, []byte{3}, nil)),
		"tokens out of order":              file(entry("b", encList, 1, []byte{3}, nil), good),
		"a token twice":                    file(good, good),
		"an empty token":                   file(entry("", encList, 1, []byte{3}, nil)),
		"bytes after the last entry":       append(file(good), 0),
		"an entry cut short":               file(good)[:len(file(good))-1],
		"more entries than bytes":          binary.AppendUvarint([]byte(shardMagic), 100),
	} {
		if _, ok := parseShard(b, 0, 1, docs); ok {
			t.Errorf("%s: the file parses", name)
		}
	}
	if _, ok := parseShard(file(good), 1, 2, docs); ok != (shardOf("a", 2) == 1) {
		t.Errorf("a token in shard %d parses as shard 1's: %v", shardOf("a", 2), ok)
	}
}

// TestStreamFromUnknownSumsTakesThemFromTheTexts: a document whose text's
// digest is not known yet (a zero sum) is needed, and once Add has its
// text the stream's State is the one all digests known give, as are its
// files.
func TestStreamFromUnknownSumsTakesThemFromTheTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	docs := randomDocs(r, 450)
	s := streamFrom(r, docs, nil)
	files, state := s.Files(), s.State()
	docs[40].Text += "补充说明。"
	known := streamFrom(r, docs, priorOf(state, files))
	wantFiles, wantState := known.Files(), known.State()

	fields := slices.Clone(docs)
	sums := make([][32]byte, len(docs))
	unknown := map[int]bool{40: true}
	for i := range fields {
		if r.IntN(5) == 0 {
			unknown[i] = true
		}
		if !unknown[i] {
			sums[i] = sha256.Sum256([]byte(docs[i].Text))
		}
		fields[i].Text = "x"
	}
	got := NewStreamFrom(fields, sums, priorOf(state, files))
	for i := range docs {
		if unknown[i] && !got.Need(i) {
			t.Fatalf("document %d of unknown digest is not needed", i)
		}
		if got.Need(i) {
			got.Add(i, docs[i].Text)
		}
	}
	sameFiles(t, "unknown sums", got.Files(), wantFiles)
	if !bytes.Equal(got.State(), wantState) {
		t.Error("the State of a stream with unknown sums differs from the one all sums known give")
	}
}

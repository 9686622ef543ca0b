package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// sameFiles reports every file that differs between two builds.
func sameFiles(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", step, len(got), len(want))
	}
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: %s differs from a fresh Build", step, name)
		}
	}
}

// TestIndexerMatchesBuildAfterEachEdit runs one Indexer through edits of
// every kind and compares each build with a fresh Build of the same docs.
func TestIndexerMatchesBuildAfterEachEdit(t *testing.T) {
	docs := corpus(600)
	var ix Indexer
	steps := []struct {
		name string
		edit func()
	}{
		{"first build", func() {}},
		{"nothing changed", func() {}},
		{"one text edited", func() { docs[17].Text += "新增一段关于招商引资的说明。" }},
		{"same text again", func() {}},
		{"one title edited", func() { docs[300].Title = "县招商局关于COVID19防控的通知" }},
		{"fields edited", func() {
			docs[5].Department, docs[5].Category, docs[5].IndexNo, docs[5].DocNo = "部门99", "分类99", "X-1", "县发〔2026〕1号"
		}},
		{"text cut", func() { docs[42].Text = docs[42].Text[:len(docs[42].Text)/3] }},
		{"a document made empty", func() { docs[43].Text, docs[43].Title = "", "" }},
		{"two documents equal", func() { docs[44].Text = docs[45].Text }},
		{"date moved", func() { docs[7].Date = "2031-01-01" }},
		{"document added", func() {
			docs = append(docs, Doc{URL: "new/", Title: "新文", Text: "新文正文", Date: "2024-05-05"})
		}},
		{"document removed", func() { docs = slices.Delete(docs, 100, 101) }},
		{"many edited", func() {
			for i := range 100 {
				docs[i*5].Text += "统一补充说明。"
			}
		}},
		{"shard count changes", func() { docs = docs[:150] }},
		{"and back", func() { docs = corpus(600) }},
	}
	for _, s := range steps {
		s.edit()
		sameFiles(t, s.name, ix.Build(slices.Clone(docs)), Build(docs))
		if len(ix.memo) > len(docs) {
			t.Errorf("%s: %d documents remembered, %d built", s.name, len(ix.memo), len(docs))
		}
	}
}

// TestIndexerRewritesOnlyTouchedShards checks that an edit which keeps
// every id reuses the files of the shards it does not touch.
func TestIndexerRewritesOnlyTouchedShards(t *testing.T) {
	docs := corpus(600)
	var ix Indexer
	before := ix.Build(docs)
	docs[17].Text += "甲乙"
	after := ix.Build(docs)
	shards := shardCount(len(docs))
	touched := map[int]bool{} // the new tokens: 甲乙, 甲 and 乙
	for _, tok := range []string{"甲乙", "甲", "乙"} {
		touched[shardOf(tok, shards)] = true
	}
	for n := range shards {
		name := fmt.Sprintf("search/index/%d.bin", n)
		reused := &before[name][0] == &after[name][0]
		if reused == touched[n] {
			t.Errorf("%s: reused %v, but the edit touched shards %v only", name, reused, touched)
		}
	}
	if !strings.Contains(string(after[fmt.Sprintf("search/index/%d.bin", shardOf("甲乙", shards))]), "甲乙") {
		t.Errorf("the touched shard lacks the new token")
	}
}

// TestIndexerForgetsWhatIsGone checks that the memory follows the last
// build: documents dropped are forgotten, and the word table starts afresh
// once it has grown past its limit.
func TestIndexerForgetsWhatIsGone(t *testing.T) {
	docs := corpus(300)
	var ix Indexer
	ix.Build(docs)
	// 20 edits of 5,000 new words each: without a fresh start the table
	// would end with over 100,000 words.
	for i := range 20 {
		var b strings.Builder
		for j := range 5000 {
			fmt.Fprintf(&b, "q%dz%d ", i, j)
		}
		docs[0].Text = b.String()
		ix.Build(docs)
	}
	if len(ix.memo) != len(docs) {
		t.Errorf("%d documents remembered, want %d", len(ix.memo), len(docs))
	}
	if n := len(ix.words.list); n >= 100000 {
		t.Errorf("the word table grew to %d words", n)
	}
	sameFiles(t, "after resets", ix.Build(docs), Build(docs))
}

func TestGroupFindsEachShardUpToTheLast(t *testing.T) {
	k := runeKey(kindBigram, '招', '商')
	es := []entry{newEntry(0, 1, k), newEntry(3, 0, k), newEntry(3, 2, k), newEntry(255, 9, k)}
	for s, want := range map[int][]entry{0: es[:1], 1: {}, 3: es[1:3], 254: {}, 255: es[3:]} {
		if got := group(es, s); !slices.Equal(got, want) {
			t.Errorf("group(%d) = %v, want %v", s, got, want)
		}
	}
	if e := es[3]; e.shard() != 255 || e.weight() != 9 || e.key() != k {
		t.Errorf("entry unpacks to shard %d, weight %d, key %x", e.shard(), e.weight(), e.key())
	}
}

package search

import (
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// streamBlock is how many documents a Stream tokenises at a time: enough
// to keep every core busy between two hand-overs, few enough that their
// tokens (about 12 bytes each of some thousand per document) stay small.
const streamBlock = 1024

// A Stream builds the index as an Indexer does, without holding every
// document's tokens, nor every text: it tokenises the documents a block at
// a time, in id order, as soon as all of a block's texts have arrived, and
// appends the block's tokens to the shards' posting lists, which are
// already encoded (varint deltas), before the next block. So what it holds
// is the posting lists, about a byte per token of each document, one
// block's tokens and the texts that wait for their block; each text is
// dropped once tokenised, so the texts' memory passes to the posting lists
// as they grow. The files are byte-identical to Build's and an Indexer's.
//
// A caller that hands the texts over in id order (Order) keeps few of them
// waiting.
//
// A Stream started from a Prior (NewStreamFrom) tokenises only the texts
// that Need reports, the same way; it holds the previous build's shard
// files besides, until Files writes each shard anew from them.
type Stream struct {
	sorted []*Doc
	order  []int   // order[id] is the index in NewStream's docs of document id
	ids    []int32 // ids[i] is the id of NewStream's docs[i]
	// docSums holds, by id, each document's digest for State
	// (NewStreamFrom); nil for NewStream.
	docSums [][32]byte
	// carry is what a stream started from a Prior takes over from the
	// previous index (nil: nothing, every text is tokenised).
	carry *carry

	mu      sync.Mutex
	missing []int // per block, how many of its texts have not arrived
	next    int   // the next block to tokenise
	busy    bool  // an Add is tokenising blocks

	shards  int
	words   *wordTable
	workers int
	tzs     []*tokenizer
	remaps  [][]uint32 // per tokenizer, its words' global numbers
	lists   [][]uint32 // per tokenizer, its tokens' lists in their shards
	// blocks[w] holds the entries of the documents tokenizer w tokenised
	// in the current block.
	blocks []block
	sorts  []byList // per shard builder
	shs    []shard
}

// NewStream starts an index over docs with every field but Text, which
// Add hands over (docs' Texts are ignored); it sorts them, which fixes
// their ids. docs is not kept.
func NewStream(docs []Doc) *Stream {
	sorted, order := sortedDocs(docs)
	s := &Stream{sorted: sorted, order: order, ids: make([]int32, len(docs))}
	for id, i := range order {
		s.ids[i] = int32(id)
		sorted[id].Text = ""
	}
	for lo := 0; lo < len(sorted); lo += streamBlock {
		s.missing = append(s.missing, min(lo+streamBlock, len(sorted))-lo)
	}
	s.shards = shardCount(len(sorted))
	s.words = newWordTable(s.shards)
	s.workers = max(1, min(runtime.GOMAXPROCS(0), len(sorted)/256))
	s.tzs = make([]*tokenizer, s.workers)
	s.remaps = make([][]uint32, s.workers)
	s.lists = make([][]uint32, s.workers)
	s.blocks = make([]block, s.workers)
	s.sorts = make([]byList, s.workers)
	for w := range s.tzs {
		s.tzs[w] = newTokenizer(s.shards)
	}
	s.shs = make([]shard, s.shards)
	for i := range s.shs {
		s.shs[i].slot = map[key]int32{}
	}
	return s
}

// Order returns the indices in NewStream's docs in id order: the order in
// which Add keeps the fewest texts waiting.
func (s *Stream) Order() []int { return s.order }

// Add hands over the text of NewStream's docs[i], once for each document
// (each that Need reports; the others' are ignored), in any order; it is
// safe for concurrent use. When the text completes the
// next block, Add tokenises it (and the complete blocks after it) before
// it returns; the texts of later blocks wait for theirs.
func (s *Stream) Add(i int, text string) {
	if !s.Need(i) {
		return // the previous index holds it
	}
	id := int(s.ids[i])
	var sum [32]byte
	if s.docSums != nil && s.docSums[id] == unknownText {
		sum, _ = docDigest(s.sorted[id], TextSum(text), nil)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sum != unknownText {
		s.docSums[id] = sum
	}
	s.sorted[id].Text = text
	s.missing[id/streamBlock]--
	if s.busy {
		return // that Add goes on with the next complete blocks
	}
	s.busy = true
	for s.next < len(s.missing) && s.missing[s.next] == 0 {
		s.mu.Unlock()
		s.tokenise(s.next)
		s.mu.Lock()
		s.next++
	}
	s.busy = false
}

// Files returns the index's files (see Build), once every Add has
// returned; a document whose text never arrived is indexed without one.
func (s *Stream) Files() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ; s.next < len(s.missing); s.next++ {
		s.tokenise(s.next)
	}
	sorted, shards, workers := s.sorted, s.shards, s.workers
	files := make(map[string][]byte, shards+(len(sorted)+docChunk-1)/docChunk+1)
	out := make([][]byte, shards)
	parallel(workers, func(w int) {
		var sc scratch
		for i := w; i < shards; i += workers {
			var data []byte
			if s.carry != nil {
				data = s.carry.shardFile(i, s.shs[i].finish(s.words), &sc)
			} else {
				data = shardBinary(s.shs[i].finish(s.words))
			}
			out[i] = data[:len(data):len(data)]
			s.shs[i] = shard{}
		}
	})
	for i, data := range out {
		files["search/index/"+strconv.Itoa(i)+".bin"] = data
	}
	for lo := 0; lo < len(sorted); lo += docChunk {
		data := fieldsJSON(sorted[lo:min(lo+docChunk, len(sorted))])
		files["search/docs/"+strconv.Itoa(lo/docChunk)+".json"] = data[:len(data):len(data)]
	}
	files["search/meta.json"] = metaJSON(sorted, shards)
	return files
}

// tokenise tokenises block b, whose texts have all arrived, drops its
// texts and appends its tokens to the posting lists; blocks are tokenised
// one at a time, in order.
func (s *Stream) tokenise(b int) {
	workers, shards := s.workers, s.shards
	lo := b * streamBlock
	hi := min(lo+streamBlock, len(s.sorted))
	parallel(workers, func(w int) {
		t, out := s.tzs[w], &s.blocks[w]
		out.reset(shards)
		for id := lo + (hi-lo)*w/workers; id < lo+(hi-lo)*(w+1)/workers; id++ {
			if s.carry != nil && !s.carry.need[id] {
				continue
			}
			d := s.sorted[id]
			t.collect(d)
			d.Text = ""
			out.add(t, id)
		}
		out.byShard(t.toks.shard)
	})
	for w, t := range s.tzs { // in order, so that numbers do not depend on timing
		s.remaps[w] = s.words.merge(t.words, s.remaps[w])
		for n := len(s.lists[w]); n < len(t.toks.keys); n++ {
			k, sh := t.toks.keys[n], &s.shs[t.toks.shard[n]]
			if k.kind() == kindString {
				k = kindString<<kindShift | key(s.remaps[w][k&0xFFFFFFFF])
			}
			j, ok := sh.slot[k]
			if !ok {
				j = sh.newPosting(k)
				sh.slot[k] = j
			}
			s.lists[w] = append(s.lists[w], uint32(j))
		}
	}
	parallel(workers, func(w int) {
		for i := w; i < shards; i += workers {
			s.sorts[w].append(&s.shs[i], s.blocks, i, s.lists)
		}
	})
}

// A block holds one tokenizer's entries of a block of documents, by
// shard, each shard's in id order. An entry is tok<<32 | id<<8 | weight:
// the tokenizer's token number tok occurs in document id with the weight.
// The documents' tokens are gathered first, then laid out by shard, so
// that each shard's entries take the room they need and no more.
type block struct {
	toks    []uint32 // the documents' tokens, tok<<1 | weight, one document after the other
	docs    []docEnd
	ends    []int32 // by shard: how many entries, then where its entries end
	entries []uint64
}

// A docEnd is a document's id and where its tokens end in block.toks.
type docEnd struct{ id, end int32 }

func (b *block) reset(shards int) {
	b.toks, b.docs = b.toks[:0], b.docs[:0]
	b.ends = slices.Grow(b.ends[:0], shards)[:shards]
	clear(b.ends)
}

// add gathers the tokens of document id, which t has just collected.
func (b *block) add(t *tokenizer, id int) {
	if len(b.toks)+len(t.used) > cap(b.toks) { // doubling, not append's quarters
		b.toks = slices.Grow(b.toks, len(b.toks)+len(t.used))
	}
	for i, n := range t.used {
		b.toks = append(b.toks, n<<1|t.weight(i))
		b.ends[t.toks.shard[n]]++
	}
	b.docs = append(b.docs, docEnd{int32(id), int32(len(b.toks))})
}

// byShard lays the entries out by shard (shard: by token number).
func (b *block) byShard(shard []uint16) {
	var n int32
	for s, c := range b.ends {
		b.ends[s] = n // where shard s's entries start, for now
		n += c
	}
	if int(n) > cap(b.entries) { // the old entries need no copy
		b.entries = make([]uint64, n, n+n/4)
	}
	b.entries = b.entries[:n]
	start := int32(0)
	for _, d := range b.docs {
		for _, tw := range b.toks[start:d.end] {
			tok := tw >> 1
			s := shard[tok]
			b.entries[b.ends[s]] = uint64(tok)<<32 | uint64(d.id)<<8 | uint64(tw&1)
			b.ends[s]++
		}
		start = d.end
	}
}

// shard returns shard i's entries.
func (b *block) shard(i int) []uint64 {
	lo := int32(0)
	if i > 0 {
		lo = b.ends[i-1]
	}
	return b.entries[lo:b.ends[i]]
}

// A byList is one shard builder's room to sort a shard's entries of a
// block by list, so that each list takes its entries at once.
type byList struct {
	ends []int32  // by list: where its entries end in docw
	docw []uint32 // the entries' id<<8 | weight, by list, in id order
}

// append adds the entries of shard i of a block to the shard's lists:
// blocks[src] holds tokenizer src's, lists[src] the list of each of its
// tokens. It sorts them by list first (a counting sort), so that each list
// is read and written once per block, not once per entry.
func (b *byList) append(sh *shard, blocks []block, i int, lists [][]uint32) {
	ends := slices.Grow(b.ends[:0], len(sh.lists))[:len(sh.lists)]
	clear(ends)
	for src := range blocks {
		list := lists[src]
		for _, e := range blocks[src].shard(i) {
			ends[list[e>>32]]++
		}
	}
	var n int32
	for j, c := range ends {
		ends[j] = n // where list j's entries start, for now
		n += c
	}
	docw := slices.Grow(b.docw[:0], int(n))[:n]
	for src := range blocks { // tokenizer src's documents follow src-1's
		list := lists[src]
		for _, e := range blocks[src].shard(i) {
			j := list[e>>32]
			docw[ends[j]] = uint32(e)
			ends[j]++
		}
	}
	start := int32(0)
	for j, end := range ends {
		if end > start {
			sh.lists[j].addAll(docw[start:end])
		}
		start = end
	}
	b.ends, b.docw = ends, docw
}

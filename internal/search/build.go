package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Doc is one public article as the search sees it.
type Doc struct {
	// URL is the site-relative path without the base, e.g. "2025/meeting/";
	// Text is the plain body text.
	URL, Title, Text string
	// IndexNo is the 索引号, DocNo the 文号; Department and Category are the
	// 承办科室 and 主题分类.
	IndexNo, DocNo, Department, Category string
	// Date is the generation date, 2025-03-04.
	Date string
}

// Layout constants, written to meta.json so the client reads them from there.
const (
	formatVersion = 2
	docChunk      = 16 // documents per search/docs/<n>.json
)

// Build returns the index as files relative to the site root, all under
// "search/": meta.json, the token shards search/index/<n>.bin and the
// document fields search/docs/<n>.json. Texts for snippets are not copied:
// the client reads them from the result pages themselves.
// Deterministic: the same docs, in any order, give byte-identical files,
// the same as an Indexer's.
func Build(docs []Doc) map[string][]byte {
	s := NewStream(docs)
	for i := range docs {
		s.Add(i, docs[i].Text)
	}
	return s.Files()
}

// BuildOnce is Build for a caller that builds one index and no more (a
// build, as opposed to serve): it clears the Text of docs, and forgets each
// document's text once tokenised, so that the texts' memory passes to the
// index as it grows. The files are Build's.
func BuildOnce(docs []Doc) map[string][]byte {
	s := NewStream(docs)
	for i := range docs {
		s.Add(i, docs[i].Text)
		docs[i].Text = ""
	}
	return s.Files()
}

// sortDocs orders the documents newest first (then by URL), which fixes
// their ids: id order is date order, so ranking ties and date ranges need
// no dates from the server.
func sortDocs(docs []Doc) []*Doc {
	sorted, _ := sortedDocs(docs)
	return sorted
}

// sortedDocs is sortDocs, and also which of docs each id is: docs[order[id]]
// is sorted[id].
func sortedDocs(docs []Doc) (sorted []*Doc, order []int) {
	copies := make([]Doc, len(docs))
	order = make([]int, len(docs))
	for i := range docs {
		copies[i] = docs[i]
		copies[i].URL = strings.TrimPrefix(docs[i].URL, "/")
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &copies[i], &copies[j]
		if c := cmp.Compare(b.Date, a.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.URL, b.URL); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	sorted = make([]*Doc, len(docs))
	for id, i := range order {
		sorted[id] = &copies[i]
	}
	return sorted, order
}

// metaJSON is the small file every query loads first. chunkDates holds the
// date of the first (newest) document of each docs chunk, enough to turn a
// date range into an id range by loading at most two chunks.
func metaJSON(docs []*Doc, shards int) []byte {
	b := []byte(`{"version":`)
	b = strconv.AppendInt(b, formatVersion, 10)
	b = append(b, `,"docs":`...)
	b = strconv.AppendInt(b, int64(len(docs)), 10)
	b = append(b, `,"shards":`...)
	b = strconv.AppendInt(b, int64(shards), 10)
	b = append(b, `,"docChunk":`...)
	b = strconv.AppendInt(b, docChunk, 10)
	b = append(b, `,"maxWord":`...)
	b = strconv.AppendInt(b, maxWord, 10)
	b = append(b, `,"chunkDates":[`...)
	for lo := 0; lo < len(docs); lo += docChunk {
		if lo > 0 {
			b = append(b, ',')
		}
		b = appendString(b, docs[lo].Date)
	}
	return append(b, "]}\n"...)
}

// fieldsJSON writes one docs chunk: per document
// [url, title, date, department, category, index_no, doc_no].
func fieldsJSON(docs []*Doc) []byte {
	size := 3
	for _, d := range docs {
		size += len(d.URL) + len(d.Title) + len(d.Date) + len(d.Department) + len(d.Category) + len(d.IndexNo) + len(d.DocNo) + 24
	}
	b := append(make([]byte, 0, size), '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		for j, s := range [...]string{d.URL, d.Title, d.Date, d.Department, d.Category, d.IndexNo, d.DocNo} {
			if j == 0 {
				b = append(b, '[')
			} else {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		b = append(b, ']')
	}
	return append(b, "]\n"...)
}

package search

import (
	"strings"
	"unicode/utf8"
)

// shardCount is the number of token shards for n documents: one file up to
// 200 documents, then a power of two near n/40, at most 256 (256 for 10,000
// documents, each shard then a few hundred kilobytes before compression).
func shardCount(n int) int {
	if n < 200 {
		return 1
	}
	s := 8
	for s < (n+39)/40 && s < 256 {
		s *= 2
	}
	return s
}

// shardOf is the shard of a token: FNV-1a (32 bits) of its UTF-8 bytes
// modulo the shard count. search.js computes the same.
func shardOf(token string, shards int) int {
	return shardOfBytes([]byte(token), shards)
}

func shardOfBytes(token []byte, shards int) int {
	return int(fnvBytes(fnvOffset, token) % uint32(shards))
}

const fnvOffset = 2166136261

func fnvBytes(h uint32, b []byte) uint32 {
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// fnvRune hashes r's UTF-8 bytes without writing them out.
func fnvRune(h uint32, r rune) uint32 {
	const prime = 16777619
	u := uint32(r)
	switch {
	case u < 0x80:
		return (h ^ u) * prime
	case u < 0x800:
		h = (h ^ (0xC0 | u>>6)) * prime
	case u < 0x10000:
		h = (h ^ (0xE0 | u>>12)) * prime
		h = (h ^ (0x80 | u>>6&0x3F)) * prime
	default:
		h = (h ^ (0xF0 | u>>18)) * prime
		h = (h ^ (0x80 | u>>12&0x3F)) * prime
		h = (h ^ (0x80 | u>>6&0x3F)) * prime
	}
	return (h ^ (0x80 | u&0x3F)) * prime
}

// shardJSON writes one shard as a JSON object, tokens in sorted order:
// {"token":[delta,weight,…],…}.
func shardJSON(postings map[string][]byte) []byte {
	ts := sortedTokens(postings)
	size := 3
	for _, t := range ts {
		size += len(t) + len(postings[t]) + 8
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, t := range ts {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
		b = append(b, ":["...)
		b = append(b, postings[t]...)
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string. Non-ASCII text stays as UTF-8
// (Chinese would triple in size as \u escapes); invalid UTF-8 becomes
// U+FFFD and U+2028/U+2029 are escaped, as encoding/json does.
func appendString(b []byte, s string) []byte {
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

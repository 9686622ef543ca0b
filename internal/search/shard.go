package search

import (
	"encoding/binary"
	"math/bits"
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

// shardMagic starts every shard file; its last byte is the format version.
const shardMagic = "GKS2"

// Posting encodings in a shard file.
const (
	encList   = 0 // varint deltas
	encBitmap = 1 // a bitmap of ids from a first id
)

// shardBinary writes one shard, tokens in sorted byte order:
//
//	"GKS2" uvarint(tokens)
//	per token: uvarint(len) token-bytes
//	           byte(enc) uvarint(n) uvarint(bytes) data
//	           uvarint(title bytes) title-data
//
// enc 0: data is n uvarint deltas of ascending ids, the first from 0.
// enc 1: data is uvarint(first id) then a bitmap, bit k (byte k/8, least
// significant bit first) set for id first+k; chosen when it is smaller,
// which it is for the common tokens that most documents have.
// title-data: uvarint deltas of the ids whose title has the token.
func shardBinary(postings map[string]*posting) []byte {
	ts := sortedTokens(postings)
	size := 8
	for _, t := range ts {
		p := postings[t]
		size += len(t) + min(p.vlen, int(p.last-p.first)/8+1) + len(p.title) + 16
	}
	b := make([]byte, 0, size)
	b = append(b, shardMagic...)
	b = binary.AppendUvarint(b, uint64(len(ts)))
	for _, t := range ts {
		b = appendPosting(b, t, postings[t])
	}
	return b
}

// appendPosting appends one token's entry of a shard file (see
// shardBinary): the ids as a list or as a bitmap, whichever is smaller.
func appendPosting[T string | []byte](b []byte, t T, p *posting) []byte {
	b = binary.AppendUvarint(b, uint64(len(t)))
	b = append(b, t...)
	if bits := int(p.last-p.first)/8 + 1; bits+binary.MaxVarintLen32 < p.vlen {
		bm := bitmapOf(p)
		b = append(b, encBitmap)
		b = binary.AppendUvarint(b, uint64(p.n))
		b = binary.AppendUvarint(b, uint64(uvarintLen(p.first)+len(bm)))
		b = binary.AppendUvarint(b, uint64(p.first))
		b = append(b, bm...)
	} else {
		data := listOf(p)
		b = append(b, encList)
		b = binary.AppendUvarint(b, uint64(p.n))
		b = binary.AppendUvarint(b, uint64(len(data)))
		b = append(b, data...)
	}
	b = binary.AppendUvarint(b, uint64(len(p.title)))
	return append(b, p.title...)
}

// bitmapOf returns a posting's ids as a bitmap from its first id.
func bitmapOf(p *posting) []byte {
	if p.dense {
		return p.buf
	}
	out := make([]byte, int(p.last-p.first)/8+1)
	id, rest := uint64(0), p.buf
	for len(rest) > 0 {
		d, n := binary.Uvarint(rest)
		rest = rest[n:]
		id += d
		k := id - uint64(p.first)
		out[k/8] |= 1 << (k % 8)
	}
	return out
}

// listOf returns a posting's ids as varint deltas.
func listOf(p *posting) []byte {
	if !p.dense {
		return p.buf
	}
	out, last := make([]byte, 0, p.vlen), uint32(0)
	for i, c := range p.buf {
		for ; c != 0; c &= c - 1 {
			id := p.first + uint32(i*8+bits.TrailingZeros8(c))
			out = binary.AppendUvarint(out, uint64(id-last))
			last = id
		}
	}
	return out
}

// uvarintLen is the length of x as a uvarint.
func uvarintLen(x uint32) int {
	return (bits.Len32(x|1) + 6) / 7
}

// appendString appends s as a JSON string. Non-ASCII text stays as UTF-8
// (Chinese would triple in size as \u escapes); invalid UTF-8 becomes
// U+FFFD and U+2028/U+2029 are escaped, as encoding/json does. It checks
// the UTF-8 as it copies, the three-byte sequences of Chinese inline.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start0 := len(b)
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c >= 0x20 && c < 0x80 && c != '"' && c != '\\':
			continue
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
		case c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(c != 0xE0 || s[i+1] >= 0xA0) && (c != 0xED || s[i+1] < 0xA0):
			// three bytes, neither overlong nor a surrogate
			if c == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				esc = `\u202` + hex[s[i+2]-0xA0:s[i+2]-0x9F]
				b = append(append(b, s[start:i]...), esc...)
				start = i + 3
			}
			i += 2
			continue
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return appendString(b[:start0], strings.ToValidUTF8(s, "\uFFFD"))
			}
			i += n - 1
			continue
		}
		b = append(append(b, s[start:i]...), esc...)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

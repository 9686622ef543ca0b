package search

import (
	"math"
	"slices"
	"testing"
)

func TestTokensOfMixedText(t *testing.T) {
	got := tokens("2025年招商引资COVID-19，Ｇ２０峰会 in 昆明。")
	want := []string{
		"2", "20", "202", "2025", "年", "招", "年招", "商", "招商", "引", "商引", "资", "引资",
		"c", "co", "cov", "covi", "covid", "1", "19", "g", "g2", "g20", "峰", "会", "峰会",
		"i", "in", "昆", "明", "昆明",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestLoneHanCharacterMakesNoBigram(t *testing.T) {
	got := tokens("县 政府，局")
	if want := []string{"县", "政", "府", "政府", "局"}; !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestLongWordIsCut(t *testing.T) {
	got := tokens("abcdefghijklmnopqrstuvwxyz0123 x")
	var want []string
	for i := 1; i <= maxWord; i++ {
		want = append(want, "abcdefghijklmnopqrstuvwx"[:i])
	}
	if want = append(want, "x"); !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestRepeatedTokensAreDistinctOnce(t *testing.T) {
	got := tokens("招商ab招商ab，招商")
	if want := []string{"招", "商", "招商", "a", "ab"}; !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// Outside the main CJK block, Han characters take the way of the other
// runes, folded and hashed; they pair with those of the main block.
func TestHanOutsideTheMainBlockPairs(t *testing.T) {
	got := tokens("中𠀀〇豈Ａ")
	if want := []string{"中", "𠀀", "中𠀀", "〇", "𠀀〇", "豈", "〇豈", "a"}; !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// Broken UTF-8 is U+FFFD a byte, as ranging over the text decodes it: no
// Han character, so it breaks a pair.
func TestInvalidUTF8BreaksPairs(t *testing.T) {
	got := tokens("中\xe4\xb8文\xe6\x96\x87\xe6\x96")
	if want := []string{"中", "文", "文文"}; !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// decodeRune must decode as ranging over a string does, invalid UTF-8
// included, or tokens would differ from search.js's.
func TestDecodeRuneIsRangesDecoding(t *testing.T) {
	for _, s := range []string{
		"招商 a", "\xe4\xb8", "\xe4\xb8\xad\xe4", "\xe0\x80\xaf", "\xed\xa0\x80", "\xef\xbf\xbd",
		"\xe4\x28\xad", "\xe4\xb8\x28", "\x80\xbf", "\xc3\xa9\xf0\x9f\x98\x80", "\xe2\x80\xa8", "\xff中",
	} {
		var got, want []rune
		for i := 0; i < len(s); {
			r, n := decodeRune(s, i)
			got = append(got, r)
			i += n
		}
		for _, r := range s {
			want = append(want, r)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: decodeRune gives %q, range %q", s, got, want)
		}
	}
}

func TestHanRangesIncludeExtensionsNotPunctuation(t *testing.T) {
	for _, r := range []rune{'中', '〇', '㐀', '𠀀', '豈'} {
		if !isHan(r) {
			t.Errorf("isHan(%q) = false", r)
		}
	}
	for _, r := range []rune{'，', '。', 'a', '々', 'ア', '한'} {
		if isHan(r) {
			t.Errorf("isHan(%q) = true", r)
		}
	}
}

func TestShardOfIsFNV1a(t *testing.T) {
	// FNV-1a of "a" is 0xe40c292c; of "" the offset basis.
	if got := shardOf("a", 1<<16); got != 0x292c {
		t.Errorf(`shardOf("a") = %#x, want 0x292c`, got)
	}
}

func TestTokenizerShardMatchesTokenString(t *testing.T) {
	tz := newTokenizer(256)
	for _, k := range []key{
		runeKey(kindBigram, '招', '商'), runeKey(kindBigram, '𠀀', '中'), runeKey(kindUnigram, 0, '局'),
		runeKey(kindIndexNo, '2', '-'), runeKey(kindDocNo, '〔', 'é'),
	} {
		var buf [16]byte
		s := string(k.appendTo(buf[:0]))
		if got, want := tz.shardOf(k), shardOf(s, 256); got != want {
			t.Errorf("tokenizer shard of %q = %d, want %d", s, got, want)
		}
	}
}

// tokens returns the distinct tokens of the text s, in order of first
// occurrence, as strings.
func tokens(s string) []string {
	tz := newTokenizer(1)
	tz.reset()
	tz.scan(s)
	tz.take()
	out := make([]string, len(tz.used))
	for i, n := range tz.used {
		if k := tz.toks.keys[n]; k.kind() == kindString {
			out[i] = tz.words.list[k&0xFFFFFFFF]
		} else {
			out[i] = string(k.appendTo(nil))
		}
	}
	return out
}

// A document's tokens are its own across the wrap of the stamps that tell
// one document's from the last one's: the marks of long ago are forgotten.
func TestStampsWrapAround(t *testing.T) {
	tz := newTokenizer(1)
	d, other := Doc{Title: "招商", Text: "引资招商 covid"}, Doc{Text: "会议"}
	tz.collect(&d) // stamp 1
	want := len(tz.used)
	tz.stamp = math.MaxUint32 - 1
	tz.collect(&other)
	if tz.collect(&d); len(tz.used) != want || tz.titled != 3 {
		t.Errorf("after the wrap: %d tokens, %d of the title; want %d, 3", len(tz.used), tz.titled, want)
	}
}

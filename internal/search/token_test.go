package search

import (
	"slices"
	"testing"
)

func TestTokensOfMixedText(t *testing.T) {
	got := tokens("2025年招商引资COVID-19，Ｇ２０峰会 in 昆明。")
	want := []string{"2025", "年招", "招商", "商引", "引资", "covid", "19", "g20", "峰会", "in", "昆明"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestLoneHanCharacterMakesNoBigram(t *testing.T) {
	got := tokens("县 政府，局")
	if want := []string{"政府"}; !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestLongWordIsCut(t *testing.T) {
	got := tokens("abcdefghijklmnopqrstuvwxyz0123 x")
	want := []string{"abcdefghijklmnopqrstuvwx", "x"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
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

// tokens returns the text tokens of s in order of occurrence, as strings,
// the way the client computes a query's tokens (words whole, not prefixes).
func tokens(s string) []string {
	var out []string
	sc := scanner{
		onBigram: func(r1, r2 rune) { out = append(out, string([]rune{r1, r2})) },
		onWord:   func(w []byte) { out = append(out, string(w)) },
	}
	sc.scan(s)
	return out
}

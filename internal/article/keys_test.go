package article_test

import (
	"os"
	"strings"
	"testing"

	"gongkai/internal/article"
)

// TestREADMEKeyTableIsTheKeysTable holds the README's front-matter table to
// article.Keys, row by row: a key added to the table and not documented, or
// documented differently, fails here with the rows to paste.
func TestREADMEKeyTableIsTheKeysTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const header = "| key | type | meaning | rules | on the page | GK030 reads | 签发 covers |"
	text := string(readme)
	i := strings.Index(text, header)
	if i < 0 {
		t.Fatalf("README.md has no front-matter table starting %q", header)
	}
	var got []string
	for _, line := range strings.Split(text[i:], "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		got = append(got, line)
	}
	var want []string
	for _, k := range article.Keys {
		want = append(want, k.Row())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("README.md's front-matter table differs from article.Keys; the rows should read:\n%s\n|---|---|---|---|---|---|---|\n%s", header, strings.Join(want, "\n"))
	}
}

// TestEveryShownTextKeyIsScanned: GK030 reads every text the page shows.
func TestEveryShownTextKeyIsScanned(t *testing.T) {
	for _, k := range article.Keys {
		if k.Has(article.Scanned) != (k.Text != nil) {
			t.Errorf("%s: Scanned keys, and only they, say how GK030 reads their text", k.Name)
		}
	}
}

func TestLookupKeyFindsTheTopLevelKey(t *testing.T) {
	if k := article.LookupKey("withdrawn.reason"); k == nil || k.Name != "withdrawn" {
		t.Errorf("LookupKey(withdrawn.reason) = %v", k)
	}
	if k := article.LookupKey("no_such_key"); k != nil {
		t.Errorf("LookupKey(no_such_key) = %v", k)
	}
}

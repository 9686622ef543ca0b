// Package indexno assigns 索引号 (index numbers) of the form
// <org_code>/<year>-<5-digit serial>, serial per year, and writes them into
// article files without disturbing the rest of the text.
//
// A serial is never reused, even after an article is deleted: the ledger
// file (index-serials.yaml at the repository root, committed with the
// articles) keeps the highest serial ever assigned per year, and a new serial
// is one more than the larger of that and any serial still present in
// content/. Deleting an article removes its number from content/ but not
// from the ledger.
package indexno

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

// LedgerFile is the file that keeps the highest serial per year.
const LedgerFile = "index-serials.yaml"

// Ledger maps a year to the highest serial assigned in it.
type Ledger map[int]int

var (
	msgLedger        = msg.New("indexno.ledger", "%s：%v", "%s: %v")
	msgNoFrontMatter = msg.New("indexno.no_front_matter", "%s：找不到可写入 index_no 的前置信息", "%s: cannot find the front matter to write index_no into")
)

// ParseLedger reads the ledger file's contents (empty input: empty ledger).
func ParseLedger(src []byte) (Ledger, error) {
	l := Ledger{}
	if err := yaml.Unmarshal(src, &l); err != nil {
		return nil, msgLedger.Error(LedgerFile, err)
	}
	return l, nil
}

// header opens the ledger file. It is committed with the repository, so it
// is in Chinese whatever the language of the run (a file must not change
// with --lang).
const header = "# gongkai index 记录的每年已分配过的最大索引号流水号。\n# 请提交此文件：稿件删除后，它保证流水号不会被再次使用。\n"

// Bytes renders the ledger, years in order.
func (l Ledger) Bytes() []byte {
	years := make([]int, 0, len(l))
	for y := range l {
		years = append(years, y)
	}
	sort.Ints(years)
	var b bytes.Buffer
	b.WriteString(header)
	for _, y := range years {
		fmt.Fprintf(&b, "%d: %d\n", y, l[y])
	}
	return b.Bytes()
}

// Assignment is one new index number for one article.
type Assignment struct {
	Article *article.Article
	IndexNo string
}

// Parse splits an index number <org_code>/<year>-<5-digit serial>
// ("11330782MB1234567X/2025-00001") into its parts; ok is false for
// anything else. It is the one grammar of a 索引号: check's GK040 and
// Assign both read numbers with it.
func Parse(n string) (org string, year, serial int, ok bool) {
	i := strings.LastIndexByte(n, '/')
	if i <= 0 {
		return "", 0, 0, false
	}
	org, rest := n[:i], n[i+1:]
	if len(rest) != 10 || rest[4] != '-' || !config.Digits(rest[:4]) || !config.Digits(rest[5:]) {
		return "", 0, 0, false
	}
	year, _ = strconv.Atoi(rest[:4])
	serial, _ = strconv.Atoi(rest[5:])
	return org, year, serial, true
}

// Format writes an index number from its parts (see Parse).
func Format(org string, year, serial int) string {
	return fmt.Sprintf("%s/%d-%05d", org, year, serial)
}

// Assign gives every signed article without an index_no the next serial of
// its generation year, in order of generation date then path. It updates the
// ledger. Unsigned articles are skipped: their year is not known until 签发.
func Assign(cfg *config.Config, arts []*article.Article, ledger Ledger) []Assignment {
	for _, a := range arts {
		if _, y, n, ok := Parse(a.FM.IndexNo); ok {
			ledger[y] = max(ledger[y], n)
		}
	}
	var todo []*article.Article
	for _, a := range arts {
		if !a.Broken && strings.TrimSpace(a.FM.IndexNo) == "" && !a.Generated(cfg).IsZero() {
			todo = append(todo, a)
		}
	}
	sort.SliceStable(todo, func(i, j int) bool {
		gi, gj := todo[i].Generated(cfg), todo[j].Generated(cfg)
		if !gi.Equal(gj.Time) {
			return gi.Before(gj.Time)
		}
		return todo[i].Path < todo[j].Path
	})
	var out []Assignment
	for _, a := range todo {
		y := a.Generated(cfg).In(cfg.Location).Year()
		ledger[y]++
		out = append(out, Assignment{a, Format(cfg.Site.OrgCode, y, ledger[y])})
	}
	return out
}

// Insert returns the file's original bytes (raw: BOM and CRLF kept) with the
// index number set. An existing empty "index_no:" line gets the value;
// otherwise a new line goes just before the closing "---" (YAML) or right
// after the opening "+++" (TOML, before any table).
func Insert(raw []byte, a *article.Article, indexNo string) ([]byte, error) {
	eol := "\n"
	if bytes.Contains(raw, []byte("\r\n")) {
		eol = "\r\n"
	}
	lines := bytes.SplitAfter(raw, []byte("\n"))
	toml := bytes.HasPrefix(bytes.TrimPrefix(raw, []byte("\ufeff")), []byte("+++"))
	if p, ok := a.Key("index_no"); ok && p.Line-1 < len(lines) {
		i := p.Line - 1
		sep := ": "
		if toml {
			sep, indexNo = " = ", strconv.Quote(indexNo)
		}
		lines[i] = []byte("index_no" + sep + indexNo + eol)
		return bytes.Join(lines, nil), nil
	}
	at := a.BodyLine - 2 // the closing delimiter's index
	line := "index_no: " + indexNo + eol
	if toml {
		at, line = 1, "index_no = "+strconv.Quote(indexNo)+eol
	}
	if at < 1 || at > len(lines) {
		return nil, msgNoFrontMatter.Error(a.Path)
	}
	out := make([][]byte, 0, len(lines)+1)
	out = append(out, lines[:at]...)
	out = append(out, []byte(line))
	out = append(out, lines[at:]...)
	return bytes.Join(out, nil), nil
}

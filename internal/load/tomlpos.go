package load

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// keyPos is where the parser met a key (line 0 when it never did: a table
// only implied by "[a.b]" or "a.b = 1"), with the keys under it.
type keyPos struct {
	line, col int
	kids      map[string]*keyPos
	elems     []*keyPos // the tables of an array of tables
}

// kid is the position of key k under p; nil when unknown.
func (p *keyPos) kid(k string) *keyPos {
	if p == nil {
		return nil
	}
	return p.kids[k]
}

// elem is the position of the i-th table of an array of tables.
func (p *keyPos) elem(i int) *keyPos {
	if p == nil || i >= len(p.elems) {
		return nil
	}
	return p.elems[i]
}

// at returns the key's line and column: an implied table takes the first
// line of what it holds; an unknown key takes the line given.
func (p *keyPos) at(fallback int) (int, int) {
	if p == nil {
		return fallback, 1
	}
	if p.line > 0 {
		return p.line, p.col
	}
	first := 0
	for _, k := range p.kids {
		if l, _ := k.at(0); l > 0 && (first == 0 || l < first) {
			first = l
		}
	}
	for _, e := range p.elems {
		if l, _ := e.at(0); l > 0 && (first == 0 || l < first) {
			first = l
		}
	}
	if first == 0 {
		return fallback, 1
	}
	return first, 1
}

// probe fails every decode into it, so that the decoder's error carries the
// position it recorded for the key being decoded. BurntSushi/toml keeps key
// positions but exports them only in errors.
type probe struct{}

var errProbe = errors.New("probe")

func (probe) UnmarshalTOML(any) error { return errProbe }

// tomlPositions reads the position of every key of the decoded front matter
// from the parser.
func tomlPositions(fm []byte) (*keyPos, error) {
	var top map[string]toml.Primitive
	md, err := toml.Decode(string(fm), &top)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(fm), "\n")
	return tableKeys(&md, lines, top), nil
}

// tableKeys positions the keys of one table.
func tableKeys(md *toml.MetaData, lines []string, keys map[string]toml.Primitive) *keyPos {
	p := &keyPos{kids: map[string]*keyPos{}}
	for k, prim := range keys {
		kp := &keyPos{}
		kp.line, kp.col = primitivePos(md, lines, k, prim)
		var sub map[string]toml.Primitive
		var arr []map[string]toml.Primitive
		switch {
		case md.PrimitiveDecode(prim, &sub) == nil:
			kp.kids = tableKeys(md, lines, sub).kids
		case md.PrimitiveDecode(prim, &arr) == nil:
			for _, e := range arr {
				kp.elems = append(kp.elems, tableKeys(md, lines, e))
			}
		}
		p.kids[k] = kp
	}
	return p
}

// primitivePos is the line and character column of key k, whose value is
// prim: the decoder reports the position of the value (or of the table
// header); the key starts before it on that line.
func primitivePos(md *toml.MetaData, lines []string, k string, prim toml.Primitive) (int, int) {
	var pe toml.ParseError
	if !errors.As(md.PrimitiveDecode(prim, probe{}), &pe) || pe.Position.Line < 1 || pe.Position.Line > len(lines) {
		return 0, 0
	}
	text := lines[pe.Position.Line-1]
	end := min(max(pe.Position.Col-1, 0), len(text))
	before := text[:end]
	col := end
	if t := strings.TrimSpace(before); t == "" || strings.HasPrefix(t, "[") {
		col = strings.Index(text, "[") // a table header
	} else if i := strings.LastIndex(before, k); i >= 0 {
		col = i
		if i > 0 && (before[i-1] == '"' || before[i-1] == '\'') {
			col = i - 1 // a quoted key starts at its quote
		}
	}
	if col < 0 {
		col = 0
	}
	return pe.Position.Line, utf8.RuneCountInString(text[:col]) + 1
}

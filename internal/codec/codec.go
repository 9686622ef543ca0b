// Package codec is the binary encoding of the records a build keeps beside
// its output for the next build (the article store, see project): lengths
// and numbers as varints, strings with their length, and whether a pointer,
// slice or map is nil before its contents, so that a record decodes to a
// value deeply equal to the one encoded. A Decoder never panics on bad
// input: its first error sticks, every later read returns a zero value, and
// the caller drops the whole record (Err).
package codec

import (
	"encoding/binary"
	"errors"
	"time"

	"gongkai/internal/diag"
)

// Encoder appends encoded values to its bytes.
type Encoder struct{ B []byte }

// Uint writes n.
func (e *Encoder) Uint(n uint64) { e.B = binary.AppendUvarint(e.B, n) }

// Int writes n.
func (e *Encoder) Int(n int64) { e.B = binary.AppendVarint(e.B, n) }

// Str writes s with its length.
func (e *Encoder) Str(s string) { e.Uint(uint64(len(s))); e.B = append(e.B, s...) }

// Bytes writes b with its length (Decoder.Str reads it).
func (e *Encoder) Bytes(b []byte) { e.Uint(uint64(len(b))); e.B = append(e.B, b...) }

// Bool writes v.
func (e *Encoder) Bool(v bool) {
	if v {
		e.B = append(e.B, 1)
	} else {
		e.B = append(e.B, 0)
	}
}

// Some writes whether a pointer, slice or map is non-nil and returns it.
func (e *Encoder) Some(nonNil bool) bool { e.Bool(nonNil); return nonNil }

// Strs writes a slice of strings, nil or not.
func (e *Encoder) Strs(s []string) {
	if e.Some(s != nil) {
		e.Uint(uint64(len(s)))
		for _, v := range s {
			e.Str(v)
		}
	}
}

// The ways a time's location is written: loc is the site's time zone
// (the Decoder's Loc), fixed a zone of a name and an offset (a date-time
// written with its offset).
const (
	timeZero = iota
	timeLoc
	timeUTC
	timeLocal
	timeFixed
)

// Time writes t as an instant and its location: the site's time zone loc,
// UTC, Local, or else the fixed zone t is in at that instant.
func (e *Encoder) Time(t time.Time, loc *time.Location) {
	switch l := t.Location(); {
	case t == time.Time{}:
		e.Uint(timeZero)
		return
	case l == loc:
		e.Uint(timeLoc)
	case l == time.UTC:
		e.Uint(timeUTC)
	case l == time.Local:
		e.Uint(timeLocal)
	default:
		name, off := t.Zone()
		e.Uint(timeFixed)
		e.Str(name)
		e.Int(int64(off))
	}
	e.Int(t.Unix())
	e.Uint(uint64(t.Nanosecond()))
}

// Pos writes a position.
func (e *Encoder) Pos(p diag.Pos) {
	e.Str(p.Path)
	e.Int(int64(p.Line))
	e.Int(int64(p.Col))
}

// Finding writes a finding, every field (TestFindingSeesEveryField).
func (e *Encoder) Finding(f *diag.Finding) {
	e.Pos(f.Pos)
	e.Int(int64(f.Severity))
	e.Str(f.ID)
	e.Str(f.Msg)
	e.Strs(f.Related)
}

// Findings writes a list of findings, nil or not.
func (e *Encoder) Findings(l diag.List) {
	if e.Some(l != nil) {
		e.Uint(uint64(len(l)))
		for i := range l {
			e.Finding(&l[i])
		}
	}
}

// ErrBad is a record that does not decode.
var ErrBad = errors.New("codec: bad record")

// Decoder reads what an Encoder wrote. It reads from a string, so that
// the strings it returns are parts of it, not copies: a store decodes
// thousands of records, each of many short strings.
type Decoder struct {
	S string
	// Loc is the site's time zone, which Time gives times written in it.
	Loc *time.Location
	err error
}

// Err returns the first error met, or nil.
func (d *Decoder) Err() error { return d.err }

// Fail makes the decoder fail (a value read is out of range).
func (d *Decoder) Fail() { d.err, d.S = ErrBad, "" }

// Uint reads a number written by Encoder.Uint.
func (d *Decoder) Uint() uint64 {
	if len(d.S) > 0 && d.S[0] < 0x80 { // most numbers: one byte
		n := d.S[0]
		d.S = d.S[1:]
		return uint64(n)
	}
	var n uint64
	for i := 0; i < len(d.S) && i < binary.MaxVarintLen64; i++ {
		c := d.S[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break
			}
			d.S = d.S[i+1:]
			return n | uint64(c)<<(7*i)
		}
		n |= uint64(c&0x7f) << (7 * i)
	}
	d.Fail()
	return 0
}

// Int reads a number written by Encoder.Int.
func (d *Decoder) Int() int64 {
	u := d.Uint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

// Len reads a length or count: at most what is left of the input, since
// every element takes at least a byte.
func (d *Decoder) Len() int {
	n := d.Uint()
	if n > uint64(len(d.S)) {
		d.Fail()
		return 0
	}
	return int(n)
}

// Str reads a string written by Encoder.Str or Encoder.Bytes; it is a
// part of the input.
func (d *Decoder) Str() string {
	n := d.Len()
	s := d.S[:n]
	d.S = d.S[n:]
	return s
}

// Fixed reads the n bytes that follow, written as they are (a digest).
func (d *Decoder) Fixed(b []byte) {
	if len(d.S) < len(b) {
		d.Fail()
		return
	}
	d.S = d.S[copy(b, d.S):]
}

// Bool reads a bool.
func (d *Decoder) Bool() bool {
	if len(d.S) == 0 || d.S[0] > 1 {
		d.Fail()
		return false
	}
	v := d.S[0] == 1
	d.S = d.S[1:]
	return v
}

// Some reads what Encoder.Some wrote.
func (d *Decoder) Some() bool { return d.Bool() }

// Strs reads a slice of strings.
func (d *Decoder) Strs() []string {
	if !d.Some() {
		return nil
	}
	s := make([]string, d.Len())
	for i := range s {
		s[i] = d.Str()
	}
	return s
}

// Time reads a time written by Encoder.Time.
func (d *Decoder) Time() time.Time {
	var loc *time.Location
	switch d.Uint() {
	case timeZero:
		return time.Time{}
	case timeLoc:
		loc = d.Loc
	case timeUTC:
		loc = time.UTC
	case timeLocal:
		loc = time.Local
	case timeFixed:
		name := d.Str()
		loc = time.FixedZone(name, int(d.Int()))
	default:
		d.Fail()
	}
	sec := d.Int()
	nsec := d.Uint()
	if loc == nil || nsec >= 1e9 {
		d.Fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).In(loc)
}

// Pos reads a position.
func (d *Decoder) Pos() diag.Pos {
	return diag.Pos{Path: d.Str(), Line: int(d.Int()), Col: int(d.Int())}
}

// Finding reads a finding.
func (d *Decoder) Finding() diag.Finding {
	return diag.Finding{Pos: d.Pos(), Severity: diag.Severity(d.Int()), ID: d.Str(), Msg: d.Str(), Related: d.Strs()}
}

// Findings reads a list of findings.
func (d *Decoder) Findings() diag.List {
	if !d.Some() {
		return nil
	}
	l := make(diag.List, d.Len())
	for i := range l {
		l[i] = d.Finding()
	}
	return l
}

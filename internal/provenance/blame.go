package provenance

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// zeroHash is the commit git blame gives lines not committed yet.
const zeroHash = "0000000000000000000000000000000000000000"

// commit is what blame tells about the commit that introduced a line.
type commit struct {
	Hash     string
	Author   string
	Mail     string // without the angle brackets
	Subject  string
	Boundary bool   // the history stops here (a shallow clone)
	file     string // the file's path at this commit, from the git top level
	unix     int64
	tz       string // +0800
}

// Uncommitted reports whether the line is a change in the work tree.
func (c *commit) Uncommitted() bool { return c.Hash == zeroHash }

// Short is the abbreviated hash people see in git log --oneline.
func (c *commit) Short() string { return c.Hash[:7] }

// blame returns, for each line of the file (index line-1), the commit that
// introduced it. Root commits are not boundaries (--root): they introduced
// their lines.
func (r *repo) blame(ctx context.Context, path string) ([]*commit, error) {
	out, err := r.git(ctx, "blame", "--line-porcelain", "--root", "--", path)
	if err != nil {
		return nil, err
	}
	return parseBlame(out)
}

// parseBlame reads git blame --line-porcelain: per line a header
// "<hash> <orig> <final> [<n>]", then "key value" lines, then a tab and the
// line's text.
func parseBlame(out []byte) ([]*commit, error) {
	commits := map[string]*commit{}
	var lines []*commit
	var cur *commit
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		key, val, _ := strings.Cut(line, " ")
		switch {
		case strings.HasPrefix(line, "\t") && cur != nil:
			lines = append(lines, cur)
			cur = nil
		case cur != nil:
			cur.set(key, val)
		case len(key) == 40:
			if cur = commits[key]; cur == nil {
				cur = &commit{Hash: key}
				commits[key] = cur
			}
		default:
			return nil, fmt.Errorf("git blame: unexpected line %q", line)
		}
	}
	return lines, sc.Err()
}

// set records one header field of the porcelain format.
func (c *commit) set(key, val string) {
	switch key {
	case "author":
		c.Author = val
	case "author-mail":
		c.Mail = strings.TrimSuffix(strings.TrimPrefix(val, "<"), ">")
	case "author-time":
		c.unix, _ = strconv.ParseInt(val, 10, 64)
	case "author-tz":
		c.tz = val
	case "summary":
		c.Subject = val
	case "boundary":
		c.Boundary = true
	case "filename":
		if u, err := strconv.Unquote(val); err == nil {
			val = u
		}
		c.file = val
	}
}

// Date is the author date in the author's own zone.
func (c *commit) Date() time.Time { return authorDate(c.unix, c.tz) }

// authorDate is the author time in the author's own zone (+0800).
func authorDate(unix int64, tz string) time.Time {
	t := time.Unix(unix, 0)
	if len(tz) != 5 {
		return t.UTC()
	}
	h, err1 := strconv.Atoi(tz[1:3])
	m, err2 := strconv.Atoi(tz[3:5])
	if err1 != nil || err2 != nil {
		return t.UTC()
	}
	off := h*3600 + m*60
	if tz[0] == '-' {
		off = -off
	}
	return t.In(time.FixedZone(tz, off))
}

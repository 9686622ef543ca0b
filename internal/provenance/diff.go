package provenance

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
)

// change is what differs between a file at a commit and in the working
// tree: the working file's lines that are new or altered, and the lines
// gone, each with the working line it followed.
type change struct {
	added   []int
	deleted []deletion
}

// deletion is a line of the old file that is gone: after is the working
// line it followed (0 before the first).
type deletion struct {
	after int
	text  string
}

// changedSince diffs the article at commit c (under the path it had there,
// which blame recorded) against the working file.
func (r *repo) changedSince(ctx context.Context, c *commit, path string) (change, error) {
	args := []string{"diff", "-M", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", c.Hash, "--", path}
	if c.file != "" {
		args = append(args, ":(top)"+c.file)
	}
	out, err := r.git(ctx, args...)
	if err != nil {
		return change{}, err
	}
	return parseDiff(out)
}

// parseDiff reads git diff -U0: each hunk "@@ -a[,b] +c[,d] @@" is followed
// by b lines starting with "-" and d starting with "+".
func parseDiff(out []byte) (change, error) {
	var ch change
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "@@ ") {
			continue
		}
		old, cur, ok := hunkHeader(sc.Text())
		if !ok {
			return ch, fmt.Errorf("git diff: unexpected hunk header %q", sc.Text())
		}
		after := cur[0]
		if cur[1] > 0 {
			after = cur[0] - 1
		}
		for i := 0; i < old[1] && sc.Scan(); i++ {
			ch.deleted = append(ch.deleted, deletion{after, strings.TrimPrefix(sc.Text(), "-")})
		}
		for i := 0; i < cur[1]; i++ {
			ch.added = append(ch.added, cur[0]+i)
		}
	}
	return ch, sc.Err()
}

// hunkHeader reads "@@ -2,3 +2 @@ …" as ([2 3], [2 1]).
func hunkHeader(h string) (old, cur [2]int, ok bool) {
	f := strings.Fields(h)
	if len(f) < 3 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return old, cur, false
	}
	old, ok1 := hunkRange(f[1][1:])
	cur, ok2 := hunkRange(f[2][1:])
	return old, cur, ok1 && ok2
}

// hunkRange reads "start[,count]"; the count defaults to 1.
func hunkRange(s string) ([2]int, bool) {
	start, count, found := strings.Cut(s, ",")
	a, err := strconv.Atoi(start)
	if err != nil {
		return [2]int{}, false
	}
	n := 1
	if found {
		if n, err = strconv.Atoi(count); err != nil {
			return [2]int{}, false
		}
	}
	return [2]int{a, n}, true
}

package serve

import (
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestBatchMakesOneRebuildOfABurst(t *testing.T) {
	checkLeaks(t)
	events := make(chan fsnotify.Event)
	errs := make(chan error)
	stop := make(chan struct{})
	flushed := make(chan changes, 10)
	note := func(c *changes, ev fsnotify.Event) bool {
		c.markArticle(ev.Name)
		return true
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		batch(events, errs, stop, 200*time.Millisecond, note, func(c changes) { flushed <- c }, t.Logf)
	}()
	// A git checkout of 500 files.
	for i := range 500 {
		events <- fsnotify.Event{Name: fmt.Sprintf("content/%03d.md", i), Op: fsnotify.Write}
	}
	c := <-flushed
	if len(c.articles) != 500 {
		t.Fatalf("the first rebuild has %d of the 500 files", len(c.articles))
	}
	// Events lost by the kernel make the next rebuild re-read everything.
	errs <- fsnotify.ErrEventOverflow
	if c := <-flushed; !c.rescan || len(c.articles) != 0 {
		t.Fatalf("after an overflow: %+v", c)
	}
	close(stop)
	<-done
	if len(flushed) != 0 {
		t.Fatalf("%d more rebuilds", len(flushed))
	}
}

func TestNoteSortsEventsByWhatTheyChange(t *testing.T) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer fsw.Close()
	s := &Server{dir: filepath.FromSlash("/repo"), fsw: fsw, log: io.Discard, b: &builder{src: &source{}}}
	ev := func(name string, op fsnotify.Op) fsnotify.Event {
		return fsnotify.Event{Name: filepath.FromSlash("/repo/" + name), Op: op}
	}
	cases := []struct {
		ev   fsnotify.Event
		want changes
	}{
		{ev("gongkai.yaml", fsnotify.Rename), changes{config: true}},
		{ev("gongkai.yaml", fsnotify.Chmod), changes{}},
		{ev("content/2025/a.md", fsnotify.Write), changes{articles: map[string]bool{"content/2025/a.md": true}}},
		{ev("content/2025/a.MD", fsnotify.Remove), changes{articles: map[string]bool{"content/2025/a.MD": true}}},
		{ev("content/2025/a.pdf", fsnotify.Create), changes{assets: true}},
		{ev("content", fsnotify.Remove), changes{rescan: true}},
		{ev("templates/article.html", fsnotify.Write), changes{templates: true}},
		{ev("site/index.html", fsnotify.Write), changes{}},
		{ev("site", fsnotify.Create), changes{}},
		{ev(".git/index", fsnotify.Write), changes{}},
		{ev("content/.obsidian/x.md", fsnotify.Write), changes{}},
		{ev("content/2025/.a.md.swp", fsnotify.Write), changes{}},
		{ev("content/2025/a.md~", fsnotify.Create), changes{}},
		{ev("content/2025/4913", fsnotify.Create), changes{}},
		{ev("content/2025/a.md___jb_tmp___", fsnotify.Write), changes{}},
		{ev("content/2025/a.md.tmp", fsnotify.Write), changes{}},
		{ev("content/2025/sedZBLhW7", fsnotify.Create), changes{}},
		{ev("content/2025/sedZBLhW7", fsnotify.Rename), changes{}},
		{ev("content/2025/#a.md#", fsnotify.Write), changes{}},
		{ev("content/2025/.#a.md", fsnotify.Create), changes{}},
		{ev("content/2025/~$a.docx", fsnotify.Create), changes{}},
		{ev("templates/sed0a1B2c", fsnotify.Create), changes{}},
		// Attachments whose names only look like one.
		{ev("content/2025/sediment.pdf", fsnotify.Create), changes{assets: true}},
		{ev("content/2025/sed123.md", fsnotify.Write), changes{articles: map[string]bool{"content/2025/sed123.md": true}}},
		{ev("content/2025/#1.pdf", fsnotify.Write), changes{assets: true}},
	}
	for _, tc := range cases {
		var c changes
		matters := s.note(&c, tc.ev)
		if matters && !c.files[filepath.ToSlash(strings.TrimPrefix(tc.ev.Name, filepath.FromSlash("/repo/")))] {
			t.Errorf("%s: the log would not name the file: %v", tc.ev, c.files)
		}
		c.files = nil // what the log names, checked above
		if !reflect.DeepEqual(c, tc.want) || matters != !reflect.DeepEqual(tc.want, changes{}) {
			t.Errorf("%s: changes %+v (matters %v), want %+v", tc.ev, c, matters, tc.want)
		}
	}
}

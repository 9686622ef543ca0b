package render_test

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"gongkai/internal/article"
	"gongkai/internal/render"
)

// storeProgram stands for build's program identity in these tests.
var storeProgram = [32]byte{7}

// streamed is a build as internal/build makes one, in memory: the site is
// streamed to a sink (Input.Sink), each article's Markdown is read through
// Input.Body when render asks for it, and the previous build's files and
// page store are what the next one may reuse.
type streamed struct {
	in     render.Input
	bodies map[string][]byte // the Markdown by article path, as Input.Body reads it

	mu    sync.Mutex
	prev  map[string][]byte // the previous build's site
	store []byte            // and its page store
	// foreign makes the next build another program, for which the store
	// is not its own.
	foreign bool
	files   map[string][]byte // this build's site
	put     map[string]bool   // the paths this build executed (not reused)
	read    map[string]int    // Input.Body's calls by article path
}

// newStreamed takes the articles of the input as loaded, their Markdown
// to be read again through Input.Body.
func newStreamed(in render.Input) *streamed {
	s := &streamed{in: in, bodies: map[string][]byte{}}
	for _, a := range in.Articles {
		s.bodies[a.Path] = a.Body
	}
	return s
}

// build renders into a new site, starting from the previous build's files
// and store, and then makes them the previous build's.
func (s *streamed) build(t *testing.T) {
	t.Helper()
	s.files, s.put, s.read = map[string][]byte{}, map[string]bool{}, map[string]int{}
	in := s.in
	for _, a := range in.Articles {
		a.Body = nil // read through Input.Body
	}
	in.DropSources = true
	in.Sink = func(p string, data []byte) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.files[p], s.put[p] = bytes.Clone(data), true
		return nil
	}
	in.Body = func(a *article.Article) ([]byte, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.read[a.Path]++
		return s.bodies[a.Path], nil
	}
	in.Sum = func(a *article.Article) ([32]byte, bool) {
		// The title stands for the front matter, which the tests edit.
		return sha256.Sum256([]byte(a.FM.Title + "\x00" + string(s.bodies[a.Path]))), true
	}
	program := storeProgram
	if s.foreign {
		program[0]++
	}
	in.Pages = render.ReadPageStore(s.store, program)
	in.Reuse = func(p string, sum [32]byte) (bool, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if data, ok := s.prev[p]; ok && sha256.Sum256(data) == sum {
			s.files[p] = data
			return true, nil
		}
		return false, nil
	}
	in.Previous = func(p string) ([]byte, bool) {
		data, ok := s.prev[p]
		return data, ok
	}
	if _, err := render.NewRenderer().Render(in); err != nil {
		t.Fatal(err)
	}
	s.store = in.Pages.Encode(program, func(p string) ([32]byte, bool) {
		data, ok := s.files[p]
		return sha256.Sum256(data), ok
	})
	s.prev = s.files
}

// clean is the site a first build of the same input makes.
func (s *streamed) clean(t *testing.T) map[string][]byte {
	t.Helper()
	c := &streamed{in: s.in, bodies: s.bodies}
	c.build(t)
	return c.files
}

// editBody changes the Markdown of the article at path.
func (s *streamed) editBody(t *testing.T, path, old, new string) {
	t.Helper()
	b := string(s.bodies[path])
	if strings.Count(b, old) != 1 {
		t.Fatalf("%s: %q is not in the body once", path, old)
	}
	s.bodies[path] = []byte(strings.Replace(b, old, new, 1))
}

// pageOf is the site file of each article's page, by article path.
func pageOf(in render.Input) map[string]string {
	out := map[string]string{}
	for _, a := range in.Articles {
		out[strings.TrimPrefix(a.URL, "/")+"index.html"] = a.Path
	}
	return out
}

// sameSite reports the files in which got differs from want; with
// noSearch, the search index's files are not compared.
func sameSite(t *testing.T, what string, got, want map[string][]byte, noSearch bool) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if noSearch && strings.HasPrefix(p, "search/") && p != "search/index.html" {
			continue
		}
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s is missing", what, p)
		} else if !bytes.Equal(g, want[p]) {
			t.Errorf("%s: %s differs from a clean build's", what, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is not in a clean build", what, p)
		}
	}
}

// bodySteps change one thing each; changed names the articles whose
// source changed (their bodies are read again, whatever else happens).
var bodySteps = []struct {
	name    string
	change  func(t *testing.T, s *streamed)
	changed []string
}{
	{"nothing changed", func(*testing.T, *streamed) {}, nil},
	{"a body sentence", func(t *testing.T, s *streamed) {
		s.editBody(t, "content/2025/meeting.md", "传达学习", "传达并学习")
	}, []string{"content/2025/meeting.md"}},
	{"a neighbour's title", func(t *testing.T, s *streamed) {
		edit(t, &s.in, "content/2025/report.md", func(a *article.Article) { a.FM.Title = "营商环境提升月活动（更新）" })
	}, []string{"content/2025/report.md"}},
	{"a linked article moved (meeting's link to it resolves elsewhere)", func(t *testing.T, s *streamed) {
		edit(t, &s.in, "content/2025/notice.md", func(a *article.Article) { a.URL = "/2024/notice/" })
	}, nil},
	{"the raw-HTML option", func(t *testing.T, s *streamed) {
		cfg := *s.in.Config
		cfg.Markdown.UnsafeHTML = !cfg.Markdown.UnsafeHTML
		s.in.Config = &cfg
	}, nil}, // every body is rendered: the facts are of the other option
}

// linksTheNotFoundPage links an article in review (which check would not
// let be public): the link goes to the 404 page, and its destination names
// a file that is not public, so its body keeps no facts and is read again
// in every build.
const linksTheNotFoundPage = "content/2025/report.md"

// TestAnUnchangedBodyIsReadOnlyWhenItsPageOrTheSearchIndexNeedsIt builds
// the site again after each step into the same (in-memory) folder and
// counts the bodies read: exactly those whose source changed, whose page
// was executed, or whose text the search index asked for. Once with the
// index's own answers (while it is not incremental, every public text),
// once as an index would answer that has every text already (then only
// the changed bodies and the executed pages' are read). Each site is the
// clean build's (but for the index, when its answers were overridden).
func TestAnUnchangedBodyIsReadOnlyWhenItsPageOrTheSearchIndexNeedsIt(t *testing.T) {
	for _, mode := range []string{"the index's answers", "the index has every text"} {
		t.Run(mode, func(t *testing.T) {
			var mu sync.Mutex
			needed := map[string]bool{}
			defer render.SetTestNeed(func(a *article.Article, need bool) bool {
				mu.Lock()
				defer mu.Unlock()
				if mode != "the index's answers" {
					need = false
				}
				if need {
					needed[a.Path] = true
				}
				return need
			})()
			s := newStreamed(loadArchive(t, "testdata/site.txtar"))
			s.build(t)
			if len(s.read) == 0 {
				t.Fatal("the first build read no body")
			}
			for _, step := range bodySteps {
				step.change(t, s)
				clear(needed)
				s.build(t)
				want := map[string]bool{}
				for _, p := range append(step.changed, linksTheNotFoundPage) {
					want[p] = true
				}
				maps.Copy(want, needed)
				pages := pageOf(s.in)
				for p := range s.put {
					if a, ok := pages[p]; ok && s.bodies[a] != nil && !noticeOnly(s.in, a) {
						want[a] = true
					}
				}
				if step.name == "the raw-HTML option" {
					for _, a := range s.in.Articles {
						if s.in.Public[a] && !a.WithdrawnAt(s.in.Now) {
							want[a.Path] = true
						}
					}
				}
				got := map[string]bool{}
				for p, n := range s.read {
					got[p] = true
					if n != 1 {
						t.Errorf("%s: %s read %d times", step.name, p, n)
					}
				}
				if !maps.Equal(got, want) {
					t.Errorf("%s: bodies read %v, want %v", step.name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
				}
				sameSite(t, step.name, s.files, s.clean(t), mode != "the index's answers")
			}
		})
	}
}

// noticeOnly reports whether the article at path shows only the
// withdrawal notice (it has no body to read).
func noticeOnly(in render.Input, path string) bool {
	for _, a := range in.Articles {
		if a.Path == path {
			return a.WithdrawnAt(in.Now)
		}
	}
	return false
}

// TestADamagedPageStoreRendersEveryBody: a store with a bit flipped, cut
// short, or from another program, is no store: every body is read again,
// no page is reused, and the site is the clean build's.
func TestADamagedPageStoreRendersEveryBody(t *testing.T) {
	defer render.SetTestNeed(func(*article.Article, bool) bool { return false })()
	s := newStreamed(loadArchive(t, "testdata/site.txtar"))
	s.build(t)
	first := maps.Clone(s.read)
	for _, c := range []struct {
		what   string
		damage func(s *streamed)
	}{
		{"a bit flipped in the middle", func(s *streamed) { s.store[len(s.store)/2] ^= 1 }},
		{"a bit flipped in the digest", func(s *streamed) { s.store[len(s.store)-1] ^= 1 }},
		{"cut short", func(s *streamed) { s.store = s.store[:len(s.store)-1] }},
		{"another program's", func(s *streamed) { s.foreign = true }},
	} {
		s.build(t) // a good store again
		if len(s.read) == len(first) {
			t.Fatalf("a good store: every body was read again")
		}
		c.damage(s)
		s.build(t)
		s.foreign = false
		if !maps.Equal(s.read, first) {
			t.Errorf("%s: bodies read %v, want %v", c.what, s.read, first)
		}
		if len(s.put) != len(s.files) {
			t.Errorf("%s: %d of %d files reused", c.what, len(s.files)-len(s.put), len(s.files))
		}
		sameSite(t, c.what, s.files, s.clean(t), true)
	}
}

// TestThePageStoreHoldsNothingOfANonPublicArticle: the store beside the
// site keeps body facts (a summary, link destinations) of public articles
// only.
func TestThePageStoreHoldsNothingOfANonPublicArticle(t *testing.T) {
	s := newStreamed(loadArchive(t, "testdata/site.txtar"))
	s.build(t)
	for _, marker := range []string{"撤回正文", "待审正文", "内部正文", "定时正文", "pending.md"} {
		if bytes.Contains(s.store, []byte(marker)) {
			t.Errorf("the page store holds %q", marker)
		}
	}
	if !bytes.Contains(s.store, []byte("传达学习")) {
		t.Errorf("the page store holds no public summary: the test sees nothing")
	}
}

// TestTheSearchIndexStartsFromTheFilesItsStateWasWrittenWith: the store
// keeps the index's State and the digest of each index file written with
// it; the next build's index reads a previous file only while it is those
// bytes.
func TestTheSearchIndexStartsFromTheFilesItsStateWasWrittenWith(t *testing.T) {
	s := newStreamed(loadArchive(t, "testdata/site.txtar"))
	s.build(t)
	if !bytes.Contains(s.store, []byte("gongkai-search")) {
		t.Errorf("the store holds no search index State")
	}
	const index = "search/index/0.bin"
	if _, ok := s.prev[index]; !ok {
		t.Fatalf("the site has no %s", index)
	}
	previous := func(p string) ([]byte, bool) {
		data, ok := s.prev[p]
		return data, ok
	}
	files := render.IndexFiles(render.ReadPageStore(s.store, storeProgram), previous)
	if data, ok := files(index); !ok || !bytes.Equal(data, s.prev[index]) {
		t.Errorf("%s: not the previous build's file", index)
	}
	for _, p := range []string{"search/index/99.bin", "index.html"} {
		if _, ok := files(p); ok {
			t.Errorf("%s: read as an index file the store does not name", p)
		}
	}
	s.prev[index] = append(bytes.Clone(s.prev[index]), 0)
	if _, ok := files(index); ok {
		t.Errorf("%s: read although it is no longer the bytes written with the State", index)
	}
}

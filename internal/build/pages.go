package build

import (
	"crypto/sha256"
	"debug/elf"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gongkai/internal/project"
	"gongkai/internal/render"
	"gongkai/internal/write"
)

// A build keeps, beside the output folder (never inside the site), the
// keys of the pages it wrote (render.PageStore): the next build into the
// folder takes each page whose key did not change from the previous site,
// a hard link, instead of executing its template. The store also keeps
// each public article's body facts (digests, its summary and link
// resolutions), so that an unchanged body whose page is reused is neither
// read nor rendered, and the search index's state, which the next index
// starts from with the previous site's index files (write.Writer.Previous).
// The store holds hashes, and of public articles only what the site shows
// besides. It is read only by the program that wrote it (programID),
// checked whole, and only ever trusted as far as the output's manifest
// agrees: a page is reused only when the previous site's file at its path
// has the bytes the store says the key made. A missing, damaged, stale or
// foreign store makes a build execute every page and render every body, as
// a first build does.

// pageStoreFile is the store of the output folder dir: .NAME.pagekeys
// beside it.
func pageStoreFile(dir string) string {
	parent, name := filepath.Split(filepath.Clean(dir))
	return filepath.Join(parent, "."+name+".pagekeys")
}

// readPageStore reads the store, or returns an empty one.
func readPageStore(file string, program [32]byte) *render.PageStore {
	if program == ([32]byte{}) {
		return render.NewPageStore()
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return render.NewPageStore()
	}
	return render.ReadPageStore(data, program)
}

// savePageStore writes the store of the build just committed; a store that
// cannot be written is removed, so that none is stale (the next build then
// executes every page).
func savePageStore(file string, data []byte) {
	if data == nil {
		os.Remove(file)
		return
	}
	if err := write.File(file, data); err != nil {
		os.Remove(file)
	}
}

// storeBytes are a build's page and article stores, encoded; nil when
// there is no program identity (the stores are removed then).
type storeBytes struct{ pages, articles []byte }

// encodeStores encodes the stores of this build; sum gives the digest of
// each file the writer put.
func encodeStores(pages *render.PageStore, arts *project.ArticleStore, program [32]byte, sum func(string) ([32]byte, bool)) storeBytes {
	if program == ([32]byte{}) {
		return storeBytes{}
	}
	var b storeBytes
	var wg sync.WaitGroup
	wg.Go(func() { b.articles = arts.Encode() })
	b.pages = pages.Encode(program, sum)
	wg.Wait()
	return b
}

// A build keeps beside the output folder too the article store of the
// project it opened (project.ArticleStore), .NAME.articles, so that the
// next build neither reads nor checks again the articles that did not
// change. It holds the front matter and findings of every article,
// internal ones too: it is never inside the site. It is read and written
// as the page store is: by the program that wrote it only, checked whole,
// removed when it cannot be written.

// articleStoreFile is the article store of the output folder out (as the
// writer resolves it: a symbolic link's target): .NAME.articles beside it.
// "" when out cannot be resolved (the build then fails to write anyway).
func articleStoreFile(out string) string {
	dir, err := write.Target(out)
	if err != nil {
		return ""
	}
	parent, name := filepath.Split(filepath.Clean(dir))
	return filepath.Join(parent, "."+name+".articles")
}

// readArticleStore reads the article store, or gives an empty one, in
// the background (project.ReadArticleStoreFrom): the program's identity,
// a digest of the executable, and the store's own digest are worked out
// while the project's configuration is loaded and its files listed.
func readArticleStore(file string) *project.ArticleStore {
	return project.ReadArticleStoreFrom(func() ([]byte, [32]byte) {
		program := programID()
		if program == ([32]byte{}) || file == "" {
			return nil, program
		}
		data, _ := os.ReadFile(file)
		return data, program
	})
}

// saveArticleStore writes the article store of the build just committed,
// or removes it when it cannot be written (or data is nil: no program
// identity).
func saveArticleStore(file string, data []byte) {
	if file == "" {
		return
	}
	if data == nil {
		os.Remove(file)
		return
	}
	if err := write.PrivateFile(file, data); err != nil {
		os.Remove(file)
	}
}

var program struct {
	once sync.Once
	id   [32]byte
}

// programID identifies the running program: the SHA-256 of the Go version
// and its build ID (or, in an executable without one, of its bytes), so
// that a store written by another gongkai (other templates built in, other
// page code) is not used. Zero when the executable cannot be read: no
// store is used then.
func programID() [32]byte {
	program.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		h := sha256.New()
		h.Write([]byte(runtime.Version()))
		h.Write([]byte{0})
		if id := goBuildID(exe); id != nil {
			// The linker's build ID ends with the hash of the executable's
			// content: the same identity as hashing the file, without
			// reading twenty megabytes on every build.
			h.Write([]byte("buildid\x00"))
			h.Write(id)
		} else {
			data, err := os.ReadFile(exe)
			if err != nil {
				return
			}
			h.Write(data)
		}
		h.Sum(program.id[:0])
	})
	return program.id
}

// goBuildID returns the Go build ID the linker wrote into the ELF
// executable exe (its .note.go.buildid note), or nil.
func goBuildID(exe string) []byte {
	f, err := elf.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return nil
	}
	note, err := s.Data()
	// name size, description size, type, "Go\x00\x00", then the ID.
	if err != nil || len(note) < 16 || string(note[12:16]) != "Go\x00\x00" {
		return nil
	}
	n := int(f.ByteOrder.Uint32(note[4:8]))
	if n == 0 || 16+n > len(note) {
		return nil
	}
	return note[16 : 16+n]
}

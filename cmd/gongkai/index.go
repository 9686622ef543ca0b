package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"gongkai/internal/indexno"
)

var indexCmd = &command{
	name:  "index",
	usage: "[--write]",
	short: "assign missing 索引号 (index numbers)",
	long: `Index assigns an index number <org_code>/<year>-<serial> to every signed
article without one: the year is the generation (签发) year, the serial the
next in that year. Without --write it only prints what it would assign.

Serials are never reused, even after an article is deleted: index-serials.yaml
at the repository root keeps the highest serial ever assigned per year. Commit
it together with the articles.`,
}

func init() { indexCmd.run = runIndex }

func runIndex(ctx context.Context, env *env, args []string) error {
	fs := newFlags(indexCmd, env)
	write := fs.Bool("write", false, "write the numbers into the files")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := openProject(env, time.Now())
	if err != nil {
		return err
	}
	ledgerPath := filepath.Join(env.dir, indexno.LedgerFile)
	src, err := os.ReadFile(ledgerPath)
	if err != nil && !errors.Is(err, errNotExist) {
		return usageError("index: %v", err)
	}
	ledger, err := indexno.ParseLedger(src)
	if err != nil {
		return usageError("index: %v", err)
	}
	assigned := indexno.Assign(p.Config, p.Articles, ledger)
	if len(assigned) == 0 {
		fmt.Fprintln(env.stdout, "every signed article has an index number")
		return nil
	}
	for _, as := range assigned {
		fmt.Fprintf(env.stdout, "%s: %s\n", as.Article.Path, as.IndexNo)
		if !*write {
			continue
		}
		file := filepath.Join(env.dir, filepath.FromSlash(as.Article.Path))
		raw, err := os.ReadFile(file)
		if err != nil {
			return usageError("index: %v", err)
		}
		out, err := indexno.Insert(raw, as.Article, as.IndexNo)
		if err != nil {
			return usageError("index: %v", err)
		}
		if err := writeFileAtomic(file, out); err != nil {
			return usageError("index: %v", err)
		}
	}
	if !*write {
		fmt.Fprintf(env.stdout, "%d to assign; run 'gongkai index --write' to write them\n", len(assigned))
		return nil
	}
	if err := writeFileAtomic(ledgerPath, ledger.Bytes()); err != nil {
		return usageError("index: %v", err)
	}
	fmt.Fprintf(env.stdout, "wrote %d index numbers; commit the articles and %s\n", len(assigned), indexno.LedgerFile)
	return nil
}

var errNotExist = iofs.ErrNotExist

// writeFileAtomic replaces file through a temporary file in the same folder,
// keeping the old file's permissions.
func writeFileAtomic(file string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(file); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".gongkai-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

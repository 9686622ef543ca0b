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
	"gongkai/internal/msg"
	"gongkai/internal/write"
)

var indexCmd = &command{
	name:  "index",
	usage: msg.New("cmd.index.usage", "[--write]", "[--write]"),
	short: msg.New("cmd.index.short", "为缺少索引号的稿件分配索引号", "assign missing 索引号 (index numbers)"),
	long: msg.New("cmd.index.long", `index 为每一篇已签发但没有索引号的稿件分配索引号 <机构代码>/<年份>-<流水号>：
年份是生成（签发）的年份，流水号是该年的下一个号。不加 --write 时只列出
将要分配的索引号，不改动文件。

流水号永不重复使用，稿件删除后也一样：仓库根目录的 index-serials.yaml
记录每年分配过的最大流水号，请把它和稿件一起提交。

  --write   把索引号写入稿件`, `Index assigns an index number <org_code>/<year>-<serial> to every signed
article without one: the year is the generation (签发) year, the serial the
next in that year. Without --write it only prints what it would assign.

Serials are never reused, even after an article is deleted: index-serials.yaml
at the repository root keeps the highest serial ever assigned per year. Commit
it together with the articles.

  --write   write the numbers into the files`),
}

func init() { indexCmd.run = runIndex }

func runIndex(ctx context.Context, env *env, args []string) error {
	fs := newFlags(indexCmd, env)
	apply := fs.Bool("write", false, "write the numbers into the files")
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
		return usageError(msgIndexFailed.T(), err)
	}
	ledger, err := indexno.ParseLedger(src)
	if err != nil {
		return usageError(msgIndexFailed.T(), err)
	}
	assigned := indexno.Assign(p.Config, p.Articles, ledger)
	if len(assigned) == 0 {
		fmt.Fprintln(env.stdout, msgIndexNone.F())
		return nil
	}
	for _, as := range assigned {
		fmt.Fprintf(env.stdout, "%s: %s\n", as.Article.Path, as.IndexNo)
		if !*apply {
			continue
		}
		file := filepath.Join(env.dir, filepath.FromSlash(as.Article.Path))
		raw, err := os.ReadFile(file)
		if err != nil {
			return usageError(msgIndexFailed.T(), err)
		}
		out, err := indexno.Insert(raw, as.Article, as.IndexNo)
		if err != nil {
			return usageError(msgIndexFailed.T(), err)
		}
		if err := write.File(file, out); err != nil {
			return usageError(msgIndexFailed.T(), err)
		}
	}
	if !*apply {
		fmt.Fprintln(env.stdout, msgIndexToAssign.F(len(assigned)))
		return nil
	}
	if err := write.File(ledgerPath, ledger.Bytes()); err != nil {
		return usageError(msgIndexFailed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgIndexWrote.F(len(assigned), indexno.LedgerFile))
	return nil
}

var (
	msgIndexFailed   = msg.New("cmd.index_failed", "index：%v", "index: %v")
	msgIndexNone     = msg.New("cmd.index_none", "每一篇已签发的稿件都有索引号", "every signed article has an index number")
	msgIndexToAssign = msg.New("cmd.index_to_assign", "需分配 %d 个索引号；运行 gongkai index --write 写入稿件", "%d to assign; run 'gongkai index --write' to write {it|them}")
	msgIndexWrote    = msg.New("cmd.index_wrote", "已写入 %d 个索引号；请提交这些稿件和 %s", "wrote %d index {number|numbers}; commit the articles and %s")
)

var errNotExist = iofs.ErrNotExist

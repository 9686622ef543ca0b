package render_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/render"
)

// benchCorpus is n public articles of a few paragraphs each, spread over
// categories, departments and two years.
func benchCorpus(b *testing.B, n int) fstest.MapFS {
	a, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if f.Name == "gongkai.yaml" {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	para := strings.Repeat("县招商局围绕产业链精准招商，组织开展项目对接和企业走访活动，", 6)
	for i := 0; i < n; i++ {
		day := fmt.Sprintf("%d-%02d-%02d", 2024+i%2, 1+i%12, 1+i%27)
		src := fmt.Sprintf(`---
title: 县招商局第%d期工作动态
department: %s
category: %s
kind: 动态信息
authors: [张三]
disclosure: 主动公开
index_no: 11330782MB1234567X/%d-%05d
review:
  content: {by: 李四, at: %s, opinion: 公开}
  secrecy: {by: 王五, at: %s, result: 不涉密}
  release: {by: 赵六, at: %s, disclosure: 主动公开}
  signoff: {by: 钱七, at: %s}
  entry:   {by: 孙八, at: %s}
  verify:  {by: 孙八, at: %s}
---

## 一、基本情况

%s

## 二、下一步工作

%s[上一期](a%05d.md)

| 指标 | 数值 |
|---|---:|
| 项目 | %d |
`, i, []string{"办公室", "政策法规科"}[i%2], []string{"机构概况", "规范性文件", "工作动态", "其他"}[i%4],
			2024+i%2, i, day, day, day, day, day, day, para, para, max(i-1, 0), i)
		fsys[fmt.Sprintf("content/a%05d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// cpuTime is the process's user and system time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation (all goroutines, GC included),
// which other processes on the machine disturb less than ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkRender10000(b *testing.B) {
	in := inputFor(b, benchCorpus(b, 10000))
	b.Run("cold", func(b *testing.B) {
		start := cpuTime(b)
		for b.Loop() {
			if _, err := render.NewRenderer().Render(in); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
	// stream renders as a build does: every file to a sink that drops it.
	b.Run("stream", func(b *testing.B) {
		in := in
		var bytes atomic.Int64
		in.Sink = func(_ string, data []byte) error {
			bytes.Add(int64(len(data)))
			return nil
		}
		start := cpuTime(b)
		for b.Loop() {
			if _, err := render.NewRenderer().Render(in); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
		b.ReportMetric(float64(bytes.Load())/float64(b.N), "site-B/op")
	})
	b.Run("warm", func(b *testing.B) {
		r := render.NewRenderer()
		if _, err := r.Render(in); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := r.Render(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestCauseSaysTheFileSystemsReasonInChinese(t *testing.T) {
	defer SetLang(Current())
	_, missing := fs.ReadFile(fstest.MapFS{}, "calendar.yaml")
	dir := t.TempDir()
	_, isDir := os.ReadFile(dir)
	wrapped := fmt.Errorf("render: %w", &fs.PathError{Op: "open", Path: "site/a.html", Err: fs.ErrPermission})
	_, notDir := os.ReadFile(filepath.Join(dir, "x", "y"))
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	_, underFile := os.ReadFile(filepath.Join(dir, "f", "y"))
	for _, c := range []struct {
		err  error
		want string
	}{
		{missing, "calendar.yaml 不存在"},
		{isDir, dir + " 是文件夹，不是文件"}, // os.ReadFile fails at read with EISDIR
		{wrapped, "render: 没有权限打开 site/a.html"},
		{notDir, filepath.Join(dir, "x", "y") + " 不存在"},
		{underFile, filepath.Join(dir, "f", "y") + " 的路径中有一级不是文件夹"},
		{errors.New("other"), "other"},
	} {
		SetLang(ZH)
		got := Cause(c.err)
		if got.Error() != c.want {
			t.Errorf("Cause(%q) = %q, want %q", c.err, got, c.want)
		}
		if !errors.Is(got, c.err) {
			t.Errorf("Cause(%q) does not wrap it", c.err)
		}
		SetLang(EN)
		if got := Cause(c.err); got != c.err {
			t.Errorf("in English, Cause(%q) = %q", c.err, got)
		}
	}
	// A message's error arguments are restated too.
	SetLang(ZH)
	m := New("msg.test_cause", "无法读取：%v", "cannot read: %v")
	if got := m.F(missing); got != "无法读取：calendar.yaml 不存在" {
		t.Errorf("F = %q", got)
	}
	w := New("msg.test_cause_wrapped", "无法读取：%w", "cannot read: %w")
	if got := w.Error(missing); got.Error() != "无法读取：calendar.yaml 不存在" || !errors.Is(got, fs.ErrNotExist) {
		t.Errorf("Error(%v) lost the cause", got)
	}
}

func TestRestateSaysTheErrorAnewAndKeepsIt(t *testing.T) {
	inner := errors.New("zip: not a valid zip file")
	err := Restate(inner, "文件不是 zip 格式")
	if err.Error() != "文件不是 zip 格式" || !errors.Is(err, inner) {
		t.Errorf("Restate: %q, errors.Is %v", err, errors.Is(err, inner))
	}
}

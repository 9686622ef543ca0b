package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// The operating system's reasons, said in Chinese: what Go's file errors
// ("open content/a.md: permission denied") mean to the person reading.
var (
	msgNotExist   = New("msg.not_exist", "%s 不存在", "%s does not exist")
	msgPermission = New("msg.permission", "没有权限%s %s", "no permission to %s %s")
	msgExist      = New("msg.exist", "%s 已经存在", "%s already exists")
	msgIsDir      = New("msg.is_dir", "%s 是文件夹，不是文件", "%s is a folder, not a file")
	msgNotDir     = New("msg.not_dir", "%s 的路径中有一级不是文件夹", "a part of the path %s is not a folder")
	msgNoSpace    = New("msg.no_space", "磁盘空间不足，无法写入 %s", "no space left on the disk to write %s")
	msgReadOnly   = New("msg.read_only", "%s 所在的磁盘是只读的", "%s is on a read-only disk")
	msgInvalid    = New("msg.invalid_path", "%s 不是有效的路径", "%s is not a valid path")
	msgOtherOS    = New("msg.other_os", "无法%s %s（系统错误：%s）", "cannot %s %s (%s)")
	msgOpAccess   = New("msg.op_access", "访问", "access")
)

// osOps names the file operations of Go's errors.
var osOps = map[string]M{
	"open":     New("msg.op_open", "打开", "open"),
	"read":     New("msg.op_read", "读取", "read"),
	"write":    New("msg.op_write", "写入", "write"),
	"mkdir":    New("msg.op_mkdir", "创建文件夹", "create the folder"),
	"remove":   New("msg.op_remove", "删除", "remove"),
	"rename":   New("msg.op_rename", "重命名", "rename"),
	"stat":     New("msg.op_stat", "查看", "look at"),
	"lstat":    New("msg.op_lstat", "查看", "look at"),
	"readdir":  New("msg.op_readdir", "读取文件夹", "read the folder"),
	"openat":   New("msg.op_openat", "打开", "open"),
	"chmod":    New("msg.op_chmod", "修改权限", "change the mode of"),
	"symlink":  New("msg.op_symlink", "创建链接", "link"),
	"unlinkat": New("msg.op_unlinkat", "删除", "remove"),
}

// Cause restates the file-system error inside err (a *fs.PathError or
// *os.LinkError, however deeply wrapped) in the reader's language; the
// rest of err's text and its chain (errors.Is, errors.As) stay as they
// are. In English, and for other errors, err is returned unchanged.
func Cause(err error) error {
	if err == nil || Current() == EN {
		return err
	}
	var op, path string
	var cause error
	var inner string
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		op, path, cause, inner = pe.Op, pe.Path, pe.Err, pe.Error()
	case errors.As(err, &le):
		op, path, cause, inner = le.Op, le.Old, le.Err, le.Error()
	default:
		return err
	}
	return Restate(err, strings.Replace(err.Error(), inner, reason(op, path, cause), 1))
}

// reason says why op on path failed with cause.
func reason(op, path string, cause error) string {
	verb := msgOpAccess.F()
	if m, ok := osOps[op]; ok {
		verb = m.F()
	}
	switch {
	case errors.Is(cause, fs.ErrNotExist):
		return msgNotExist.F(path)
	case errors.Is(cause, fs.ErrPermission):
		return msgPermission.F(verb, path)
	case errors.Is(cause, fs.ErrExist):
		return msgExist.F(path)
	case errors.Is(cause, syscall.EISDIR):
		return msgIsDir.F(path)
	case errors.Is(cause, syscall.ENOTDIR):
		return msgNotDir.F(path)
	case errors.Is(cause, syscall.ENOSPC):
		return msgNoSpace.F(path)
	case errors.Is(cause, syscall.EROFS):
		return msgReadOnly.F(path)
	case errors.Is(cause, fs.ErrInvalid):
		return msgInvalid.F(path)
	}
	return msgOtherOS.F(verb, path, cause.Error())
}

// Restate returns err said as text, in the reader's language: an error
// whose text is text and that unwraps to err, so errors.Is and errors.As
// still see the original (a library's error a package says in its own
// words, as Cause does for the file system's).
func Restate(err error, text string) error { return localized{text, err} }

// localized is an error whose text is in the reader's language; it
// unwraps to the original.
type localized struct {
	text string
	err  error
}

func (e localized) Error() string { return e.text }
func (e localized) Unwrap() error { return e.err }

// causes applies Cause to every error among args.
func causes(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if err, ok := a.(error); ok {
			a = Cause(err)
		}
		out[i] = a
	}
	return out
}

// Errorf is fmt.Errorf with every error argument restated by Cause.
func Errorf(format string, args ...any) error {
	return fmt.Errorf(format, causes(args)...)
}

package article

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"gongkai/internal/msg"
)

// attachmentTypes are the file types an article may publish beside its
// page: documents, spreadsheets, archives and images. Markdown, YAML, HTML,
// SVG and scripts are not: they are sources or would run on the site.
var attachmentTypes = map[string]bool{
	".pdf": true, ".ofd": true, ".doc": true, ".docx": true, ".wps": true, ".odt": true, ".rtf": true, ".txt": true,
	".xls": true, ".xlsx": true, ".et": true, ".ods": true, ".csv": true,
	".ppt": true, ".pptx": true, ".dps": true, ".odp": true,
	".zip": true, ".rar": true, ".7z": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true,
}

// AttachmentTypes returns the allowed attachment extensions, sorted.
func AttachmentTypes() []string {
	var ts []string
	for t := range attachmentTypes {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

var (
	msgAttachEmpty     = msg.New("article.attachment_empty", "为空，请填写文件名", "is empty: give a file name")
	msgAttachBackslash = msg.New("article.attachment_backslash", "使用了反斜杠，文件夹之间请用 / 分隔", "uses backslashes: separate folders with /")
	msgAttachAbsolute  = msg.New("article.attachment_absolute",
		"是绝对路径，请填写文章旁边的文件名，如 议程.pdf",
		"is an absolute path: name a file beside the article, such as 议程.pdf")
	msgAttachOutside = msg.New("article.attachment_outside",
		"超出了文章所在文件夹，或是隐藏文件：附件须放在文章旁边（或其下级文件夹中）",
		"leaves the article's folder or names a hidden file: attachments are files beside the article (or in a subfolder of it)")
	msgAttachType = msg.New("article.attachment_type",
		"的文件类型（%s）不允许发布，允许的类型：%s",
		"is not a type that can be published (%s); allowed: %s")
	msgNoExtension = msg.New("article.no_extension", "无扩展名", "no extension")
)

// AttachmentPath returns the repository path of an attachment name (from
// attachments:, relative to the article): a file in the article's own
// folder or a subfolder of it, of a type that may be published. Anything
// else is an error that says why.
func AttachmentPath(a *Article, name string) (string, error) {
	switch {
	case strings.TrimSpace(name) == "":
		return "", msgAttachEmpty.Error()
	case strings.Contains(name, `\`):
		return "", msgAttachBackslash.Error()
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return "", msgAttachAbsolute.Error()
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || strings.HasPrefix(part, ".") {
			return "", msgAttachOutside.Error()
		}
	}
	if ext := strings.ToLower(path.Ext(name)); !attachmentTypes[ext] {
		return "", msgAttachType.Error(orNone(ext), strings.Join(AttachmentTypes(), " "))
	}
	return path.Join(a.Dir, name), nil
}

func orNone(ext string) string {
	if ext == "" {
		return msgNoExtension.F()
	}
	return ext
}

// IsAttachment reports whether the repository path p is one of the
// article's valid listed attachments.
func (a *Article) IsAttachment(p string) bool {
	_, ok := a.AttachmentName(p)
	return ok
}

// AttachmentName returns the name under which the article lists the file
// at the repository path p in attachments:, if it lists it validly.
func (a *Article) AttachmentName(p string) (string, bool) {
	for _, name := range a.FM.Attachments {
		if q, err := AttachmentPath(a, name); err == nil && q == p {
			return name, true
		}
	}
	return "", false
}

var (
	msgAttachmentSymlink = msg.New("article.attachment_symlink",
		"是符号链接（%s）：附件必须是放在文章旁的普通文件，请把链接换成文件本身",
		"is a symbolic link (%s): an attachment must be a regular file beside the article; replace the link with the file itself")
	msgAttachmentNotRegular = msg.New("article.attachment_not_regular",
		"不是普通文件（%s）：附件必须是放在文章旁的普通文件",
		"is not a regular file (%s): an attachment must be a regular file beside the article")
)

// CheckAttachmentFile returns what is wrong with publishing the repository
// file p as an attachment, or nil: every folder from content/ down to it
// and the file itself must be real (no symbolic link), and the file
// regular. os.Root keeps reads inside the repository but follows links
// that stay there, so a link named 议程.txt could publish an internal
// article's source or .git/index. A missing file is fs.ErrNotExist.
func CheckAttachmentFile(fsys fs.FS, p string) error {
	parts := strings.Split(p, "/")
	for i := 2; i <= len(parts); i++ { // parts[0] is content
		sub := strings.Join(parts[:i], "/")
		fi, err := fs.Lstat(fsys, sub)
		switch {
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return msgAttachmentSymlink.Error(sub)
		case i < len(parts) && !fi.IsDir():
			return fs.ErrNotExist
		case i == len(parts) && !fi.Mode().IsRegular():
			return msgAttachmentNotRegular.Error(sub)
		}
	}
	return nil
}

// ReadAttachment reads the repository file p when CheckAttachmentFile
// allows it.
func ReadAttachment(fsys fs.FS, p string) ([]byte, error) {
	if err := CheckAttachmentFile(fsys, p); err != nil {
		return nil, err
	}
	return fs.ReadFile(fsys, p)
}

package article

import (
	"fmt"
	"path"
	"sort"
	"strings"
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

// AttachmentPath returns the repository path of an attachment name (from
// attachments:, relative to the article): a file in the article's own
// folder or a subfolder of it, of a type that may be published. Anything
// else is an error that says why.
func AttachmentPath(a *Article, name string) (string, error) {
	switch {
	case strings.TrimSpace(name) == "":
		return "", fmt.Errorf("is empty: give a file name")
	case strings.Contains(name, `\`):
		return "", fmt.Errorf("uses backslashes: separate folders with /")
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return "", fmt.Errorf("is an absolute path: name a file beside the article, such as 议程.pdf")
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("leaves the article's folder or names a hidden file: attachments are files beside the article (or in a subfolder of it)")
		}
	}
	if ext := strings.ToLower(path.Ext(name)); !attachmentTypes[ext] {
		return "", fmt.Errorf("is not a type that can be published (%s); allowed: %s", orNone(ext), strings.Join(AttachmentTypes(), " "))
	}
	return path.Join(a.Dir, name), nil
}

func orNone(ext string) string {
	if ext == "" {
		return "no extension"
	}
	return ext
}

// IsAttachment reports whether the repository path p is one of the
// article's valid listed attachments.
func (a *Article) IsAttachment(p string) bool {
	for _, name := range a.FM.Attachments {
		if q, err := AttachmentPath(a, name); err == nil && q == p {
			return true
		}
	}
	return false
}

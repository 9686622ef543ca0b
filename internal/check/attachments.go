package check

import (
	"fmt"
	"io/fs"
	"path"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/doctext"
	"gongkai/internal/msg"
)

var (
	msgAttachmentTerm = msg.New("check.attachment_secrecy_term",
		"附件 %s 中含有涉密词语“%s”：未公开的内部文件、讲话不得出现在公开信息中；请修改附件，或由保密审查员在 review.%s.cleared 中列明该词%s",
		"secrecy term %[2]q in the attachment %[1]s: unpublished internal documents and speeches must not appear in publicity texts; change the attachment, or the 保密审查员 clears the term in review.%[3]s.cleared%[4]s")
	msgAttachmentDamaged = msg.New("check.attachment_damaged",
		"附件 %s 无法读取（%v），内容未经自动检查：请检查文件是否损坏；如文件无误，请保密审查员逐页审阅，并在保密审查中记录 attachments_reviewed: true（review.%s.attachments_reviewed）",
		"attachment %s cannot be read (%v) and was not checked automatically: check whether the file is damaged; if it is fine, the 保密审查员 reads it and records attachments_reviewed: true in the secrecy review (review.%s.attachments_reviewed)")
	msgAttachmentUnread = msg.New("check.attachment_unread",
		"附件 %s 内容未经自动检查（gongkai 无法读取 %s 文件的文字）：请保密审查员逐页审阅附件，并在保密审查中记录 attachments_reviewed: true（review.%s.attachments_reviewed）",
		"attachment %s was not checked automatically (gongkai cannot read the text of %s files): the 保密审查员 reads it and records attachments_reviewed: true in the secrecy review (review.%s.attachments_reviewed)")
)

// attachmentTerms scans the text of every attachment gongkai can read
// (doctext) for the open terms: a hit is GK030 at the attachment's entry,
// naming the file. A missing or misnamed attachment is GK050's.
func (c *checker) attachmentTerms(a *article.Article, terms []string, r secrecyReporter) {
	for i, name := range a.FM.Attachments {
		text, _ := c.attachmentText(a, name) // a damaged file is GK031; what was read is scanned
		if text == "" {
			continue
		}
		text = visibleOnly(text)
		at := a.Pos(fmt.Sprintf("attachments.%d", i))
		for _, term := range terms {
			if len(indexAll(text, term)) > 0 {
				r.c.l.Add(at, r.sev, "GK030", msgAttachmentTerm.T(), name, term, c.secrecyKey(), r.tail)
			}
		}
	}
}

// attachmentText returns the text of an attachment doctext reads: "" for
// one it does not read or that is missing (GK050's), an error for a
// damaged one.
func (c *checker) attachmentText(a *article.Article, name string) (string, error) {
	p, err := article.AttachmentPath(a, name)
	if err != nil || !doctext.Readable(name) {
		return "", nil
	}
	data, err := article.ReadAttachment(c.fsys, p)
	if err != nil {
		return "", nil
	}
	return doctext.Text(name, data)
}

// unreadAttachments warns about each attachment of a public-bound article
// whose text gongkai cannot read (pdf, images, doc, archives, ofd, or a
// damaged file), until the secrecy step records attachments_reviewed: true
// (GK031).
func (c *checker) unreadAttachments(a *article.Article) {
	if a.FM.Disclosure == article.Withheld || a.FM.Disclosure == article.Internal {
		return
	}
	if st := a.StepFor(c.cfg, config.PurposeSecrecy); st.Complete() && st.AttachmentsReviewed {
		return
	}
	for i, name := range a.FM.Attachments {
		p, err := article.AttachmentPath(a, name)
		if err != nil {
			continue
		}
		if _, err := fs.Stat(c.fsys, p); err != nil {
			continue
		}
		at := a.Pos(fmt.Sprintf("attachments.%d", i))
		if doctext.Readable(name) {
			if _, err := c.attachmentText(a, name); err != nil {
				c.l.Warnf(at, "GK031", msgAttachmentDamaged.T(), name, err, c.secrecyKey())
			}
			continue
		}
		c.l.Warnf(at, "GK031", msgAttachmentUnread.T(), name, path.Ext(name), c.secrecyKey())
	}
}

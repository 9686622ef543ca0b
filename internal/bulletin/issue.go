package bulletin

import (
	"fmt"

	"gongkai/internal/article"
)

// Issue is one bulletin issue, ready to render.
type Issue struct {
	Year   int
	Number int
	// Supplement marks a 增刊, numbered separately from the regular issues.
	Supplement bool
	Date       article.Date
	Audience   Audience
	EditorNote string // 编者按, plain text; blank lines separate paragraphs
	Articles   []*article.Article
	// Manifest is the manifest's path, or "" for a quarter's selection.
	Manifest string
}

// ID names the issue in paths: "2025-1", or "2025-增1" for a supplement.
func (is *Issue) ID() string {
	return issueID(is.Year, is.Number, is.Supplement)
}

func issueID(year, number int, supplement bool) string {
	if supplement {
		return fmt.Sprintf("%d-增%d", year, number)
	}
	return fmt.Sprintf("%d-%d", year, number)
}

// NumberText is the issue number as printed under the masthead: "第1期",
// or "增刊第1期".
func (is *Issue) NumberText() string {
	if is.Supplement {
		return fmt.Sprintf("增刊第%d期", is.Number)
	}
	return fmt.Sprintf("第%d期", is.Number)
}

// Label is the issue's full name in lists: "2025年第1期".
func (is *Issue) Label() string {
	return fmt.Sprintf("%d年%s", is.Year, is.NumberText())
}

// Dir is the issue's folder relative to the output root:
// "bulletins/2025-1" (under site/ or _internal/).
func (is *Issue) Dir() string { return "bulletins/" + is.ID() }

// PDFName is the PDF's file name inside the issue's folder.
func (is *Issue) PDFName() string { return is.ID() + ".pdf" }

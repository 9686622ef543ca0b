package article

import (
	"time"

	"gongkai/internal/diag"
)

// Article is one Markdown file under content/ with its decoded front matter.
type Article struct {
	// Path is the file's path relative to the repository root, with forward
	// slashes: "content/2025/meeting.md".
	Path string
	// Src is the whole file as read (after BOM removal and CRLF → LF).
	Src []byte
	// FM is the decoded front matter.
	FM FrontMatter
	// Keys holds the position of each dotted key path ("title",
	// "review.signoff.by", "adoptions.0") in the file: read it with Key,
	// HasKey, Pos and AllKeys.
	Keys KeyPositions
	// Body is the Markdown after the front matter; BodyLine is the file line
	// on which Body starts.
	Body     []byte
	BodyLine int
	// Slug is the file name without .md; Dir its folder under content/.
	Slug string
	Dir  string
	// URL is the permalink path ("/2025/meeting/"), without the base URL;
	// empty until load computes it (it needs the generation date).
	URL string
	// Broken is true when the front matter could not be read at all (GK001);
	// such an article has no usable FM and is never public.
	Broken bool
}

// Pos returns the position of a front-matter key, falling back to its
// parent's (then line 1) when the key is absent, so a finding about a
// missing key points where it belongs.
func (a *Article) Pos(key string) diag.Pos {
	for k := key; ; {
		if p, ok := a.Key(k); ok {
			return p
		}
		i := lastDot(k)
		if i < 0 {
			return diag.Pos{Path: a.Path, Line: 1, Col: 1}
		}
		k = k[:i]
	}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// FrontMatter is the article's metadata; see the package doc for each key.
type FrontMatter struct {
	Title          string           `yaml:"title"`
	Department     string           `yaml:"department"`
	Category       string           `yaml:"category"`
	Kind           string           `yaml:"kind"`
	Authors        []string         `yaml:"authors"`
	Disclosure     Disclosure       `yaml:"disclosure"`
	WithholdReason string           `yaml:"withhold_reason"`
	Importance     Importance       `yaml:"importance"`
	Event          *Event           `yaml:"event"`
	DocNo          string           `yaml:"doc_no"`
	IndexNo        string           `yaml:"index_no"`
	Summary        string           `yaml:"summary"`
	Tags           []string         `yaml:"tags"`
	Attachments    []string         `yaml:"attachments"`
	Bulletin       bool             `yaml:"bulletin"`
	Review         map[string]*Step `yaml:"review"`
	Adoptions      []Adoption       `yaml:"adoptions"`
	Withdrawn      *Withdrawal      `yaml:"withdrawn"`
	Validity       *Validity        `yaml:"validity"`
	// Interprets is the path of the policy this article is the 政策解读 of,
	// relative to this file or from the repository root (RefPath).
	Interprets string `yaml:"interprets"`
}

// Event is the occasion the information reports on; with the kind it sets
// the reporting deadline (GK021).
type Event struct {
	Date Date   `yaml:"date"`
	Name string `yaml:"name"`
}

// Step is one review step as signed in the front matter. Which of Opinion,
// Result, Cleared and Disclosure matter depends on the step's purpose.
type Step struct {
	By      string   `yaml:"by"`
	At      Date     `yaml:"at"`
	Opinion string   `yaml:"opinion"` // content: 公开 | 不公开
	Result  string   `yaml:"result"`  // secrecy: 不涉密 | 涉密
	Cleared []string `yaml:"cleared"` // secrecy: terms the reviewer accepts
	// AttachmentsReviewed records that the secrecy reviewer read the
	// attachments gongkai cannot read itself (GK031).
	AttachmentsReviewed bool       `yaml:"attachments_reviewed"`
	Disclosure          Disclosure `yaml:"disclosure"` // release: the fixed attribute
	Note                string     `yaml:"note"`
}

// Complete reports whether the step has both by and at.
func (s *Step) Complete() bool { return s != nil && s.By != "" && !s.At.IsZero() }

// Adoption records an outlet that used the information (采用情况).
type Adoption struct {
	Outlet string `yaml:"outlet"`
	Level  string `yaml:"level"`
	Form   string `yaml:"form"`
	Date   Date   `yaml:"date"`
	Issue  string `yaml:"issue"` // 期数, for the 稿费申领单
	Award  bool   `yaml:"award"` // 评为优质稿件: points and fee count twice
}

// Withdrawal marks a published article as withdrawn (撤回).
type Withdrawal struct {
	At     Date   `yaml:"at"`
	By     string `yaml:"by"`
	Reason string `yaml:"reason"`
	Notice string `yaml:"notice"`
}

// Validity is the 有效性 of a 规范性文件 or similar.
type Validity struct {
	Status ValidityStatus `yaml:"status"`
	At     Date           `yaml:"at"`
	By     string         `yaml:"by"` // the superseding article's path, relative to this file or to the repository
}

// Date is a date or date-time. Bare dates are midnight in the site's time
// zone with HasTime false.
type Date struct {
	time.Time
	HasTime bool
}

// Day returns the civil date as 2006-01-02.
func (d Date) Day() string { return d.Format("2006-01-02") }

package config

// Step is one step of the review chain. Key is the front-matter key under
// review:, Label its Chinese name. Signers says who may sign: "head" (the
// article department's 科室负责人), "leader" (its 分管领导) or a role name
// (secrecy, principal, deputy, entry, …). Purpose ties the step to the rules
// that need it (content, secrecy, release, signoff, entry, verify); it
// defaults to Key. Important lists the roles required instead when the
// article is 重要.
type Step struct {
	Key       string   `yaml:"key"`
	Label     string   `yaml:"label"`
	Signers   []string `yaml:"signers"`
	Purpose   string   `yaml:"purpose"`
	Important []string `yaml:"important"`
}

// Step purposes the rules refer to.
const (
	PurposeContent = "content"
	PurposeSecrecy = "secrecy"
	PurposeRelease = "release"
	PurposeSignoff = "signoff"
	PurposeEntry   = "entry"
	PurposeVerify  = "verify"
)

// DefaultChain is the six-step chain of the agency rules: 内容审核 → 保密审查 →
// 发布审核 → 签发 → 录入 → 录入审核.
func DefaultChain() []Step {
	return []Step{
		{Key: "content", Label: "内容审核", Signers: []string{"head"}, Purpose: PurposeContent},
		{Key: "secrecy", Label: "保密审查", Signers: []string{"secrecy"}, Purpose: PurposeSecrecy},
		{Key: "release", Label: "发布审核", Signers: []string{"leader"}, Purpose: PurposeRelease},
		{Key: "signoff", Label: "签发", Signers: []string{"principal", "deputy"}, Purpose: PurposeSignoff, Important: []string{"principal"}},
		{Key: "entry", Label: "录入", Signers: []string{"entry"}, Purpose: PurposeEntry},
		{Key: "verify", Label: "录入审核", Signers: []string{"entry"}, Purpose: PurposeVerify},
	}
}

// StepFor returns the chain step with the purpose, or nil.
func (c *Config) StepFor(purpose string) *Step {
	for i := range c.ReviewChain {
		if c.ReviewChain[i].Purpose == purpose {
			return &c.ReviewChain[i]
		}
	}
	return nil
}

// StepIndex returns the position of the step with key in the chain, or -1.
func (c *Config) StepIndex(key string) int {
	for i, s := range c.ReviewChain {
		if s.Key == key {
			return i
		}
	}
	return -1
}

// StepKeys returns the chain's keys in order.
func (c *Config) StepKeys() []string {
	keys := make([]string, len(c.ReviewChain))
	for i, s := range c.ReviewChain {
		keys[i] = s.Key
	}
	return keys
}

// ChainEnd returns the number of steps an article with the disclosure needs:
// the whole chain for 主动公开, up to and including the signoff step otherwise
// (nothing is entered on the site).
func (c *Config) ChainEnd(disclosure string) int {
	if disclosure == "主动公开" {
		return len(c.ReviewChain)
	}
	for i, s := range c.ReviewChain {
		if s.Purpose == PurposeSignoff {
			return i + 1
		}
	}
	return len(c.ReviewChain)
}

// MaySign returns the names of the people who may sign step for an article of
// the department with the given importance, in declaration order.
func (c *Config) MaySign(step *Step, department string, important bool) []string {
	signers := step.Signers
	if important && len(step.Important) > 0 {
		signers = step.Important
	}
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	dept := c.Department(department)
	for _, s := range signers {
		switch s {
		case "head":
			if dept != nil {
				add(dept.Head)
			}
		case "leader":
			if dept != nil {
				add(dept.Leader)
			}
		}
	}
	for _, p := range c.People {
		for _, s := range signers {
			if s != "head" && s != "leader" && p.HasRole(s) {
				add(p.Name)
			}
		}
	}
	return names
}

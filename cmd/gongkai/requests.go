package main

import (
	"io"

	"gongkai/internal/diag"
	"gongkai/internal/project"
	"gongkai/internal/register"
)

// registerFindings loads the 依申请公开 register (requests/) and the annual
// report's inputs (annual/) and applies their checks (GK080–GK087) at the
// project's clock.
func registerFindings(p *project.Project) diag.List {
	reqs, findings := register.Load(p.FS, p.Config.Location)
	findings = append(findings, register.Check(reqs, p.Config, p.Now)...)
	return append(findings, register.CheckAnnual(p.FS, p.Config.Location)...)
}

// printDueRequests prints the 申请即将到期 section of gongkai status: the
// requests without a reply whose deadline passed or is near.
func printDueRequests(w io.Writer, p *project.Project) {
	reqs, _ := register.Load(p.FS, p.Config.Location)
	register.WriteDue(w, register.DueSoon(reqs, p.Config, p.Now))
}

// dueRequests is the 申请即将到期 section for status --format json.
func dueRequests(p *project.Project) []register.DueJSON {
	reqs, _ := register.Load(p.FS, p.Config.Location)
	return register.DueList(register.DueSoon(reqs, p.Config, p.Now))
}

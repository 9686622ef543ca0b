// Package build puts the stages together: load → check → render → write.
// It is the one place where the pipeline reads top to bottom; the project
// it builds is opened by internal/project, as check, serve, bulletin and
// report open theirs.
package build

import "gongkai/internal/project"

// Project, ConfigError, Open and RepoFS are internal/project's, named here
// for the callers that build.
type (
	Project     = project.Project
	ConfigError = project.ConfigError
)

// Open loads and checks a repository (project.Open).
var Open = project.Open

// RepoFS opens a repository confined to its folder (project.RepoFS).
var RepoFS = project.RepoFS

package main

import (
	"context"

	"gongkai/internal/build"
)

func notYet(name string) func(context.Context, *env, []string) error {
	return func(context.Context, *env, []string) error {
		return usageError("%s is not implemented yet", name)
	}
}

var (
	serveCmd    = &command{name: "serve", short: "preview the site with live reload", run: notYet("serve")}
	bulletinCmd = &command{name: "bulletin", short: "build a bulletin (简报) issue", run: notYet("bulletin")}
)

// publicBulletins renders every public bulletin issue with a manifest for
// the site. TODO(bulletin).
func publicBulletins(ctx context.Context, env *env, pdf bool) func(*build.Project) (map[string][]byte, error) {
	return nil
}

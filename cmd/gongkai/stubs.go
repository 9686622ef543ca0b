package main

import (
	"context"
)

func notYet(name string) func(context.Context, *env, []string) error {
	return func(context.Context, *env, []string) error {
		return usageError("%s is not implemented yet", name)
	}
}

var (
	serveCmd    = &command{name: "serve", short: "preview the site with live reload", run: notYet("serve")}
	bulletinCmd = &command{name: "bulletin", short: "build a bulletin (简报) issue", run: notYet("bulletin")}
	buildCmd    = &command{name: "build", short: "check, then render the public site into site/", run: notYet("build")}
)

package main

import "context"

func notYet(name string) func(context.Context, *env, []string) error {
	return func(context.Context, *env, []string) error {
		return usageError("%s is not implemented yet", name)
	}
}

var serveCmd = &command{name: "serve", short: "preview the site with live reload", run: notYet("serve")}

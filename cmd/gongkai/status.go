package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gongkai/internal/check"
)

var statusCmd = &command{
	name:  "status",
	usage: "[--now T]",
	short: "print the review queue grouped by who must act",
	long: `Status lists every article still in review under the people who may sign
its next step, so each reviewer sees what waits for them.`,
}

func init() { statusCmd.run = runStatus }

func runStatus(ctx context.Context, env *env, args []string) error {
	fs := newFlags(statusCmd, env)
	nowFlag := fs.String("now", "", "the time to report at")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	now, err := parseNow(env, *nowFlag)
	if err != nil {
		return err
	}
	p, err := openProject(env, now)
	if err != nil {
		return err
	}
	pending := p.Pending()
	if len(pending) == 0 {
		fmt.Fprintln(env.stdout, "审核队列为空：没有待审核的稿件。")
		return nil
	}
	byPerson := map[string][]check.Pending{}
	for _, q := range pending {
		who := strings.Join(q.WaitingOn, "、")
		if who == "" {
			who = "（无人可签：请在 gongkai.yaml 中配置）"
		}
		byPerson[who] = append(byPerson[who], q)
	}
	names := make([]string, 0, len(byPerson))
	for n := range byPerson {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(env.stdout, "%s（%d 篇）\n", n, len(byPerson[n]))
		for _, q := range byPerson[n] {
			title := ""
			for _, a := range p.Articles {
				if a.Path == q.Path {
					title = a.FM.Title
				}
			}
			fmt.Fprintf(env.stdout, "  %s  %s  %s\n", stepLabel(p, q.NextStep), q.Path, title)
		}
	}
	return nil
}

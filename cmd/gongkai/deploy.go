package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/deploy"
	"gongkai/internal/msg"
)

var deployCmd = &command{
	name:  "deploy",
	usage: msg.New("cmd.deploy.usage", "[--keep 份数] [--rollback] [--nginx-config] <文件夹 | 用户@主机:/路径>", "[--keep N] [--rollback] [--nginx-config] <folder | user@host:/path>"),
	short: msg.New("cmd.deploy.short", "把 site/ 发布到本单位自己的网站服务器，可回退", "publish site/ to the agency's own web server, with rollback"),
	long: msg.New("cmd.deploy.long", `deploy 把 site/（请先运行 gongkai build）复制到 <目标>/releases/<时间>，
然后一步把符号链接 <目标>/current 指向它；网站服务器提供 <目标>/current 的内容。
与上一次发布相比没有变化的文件用硬链接。保留最新的 --keep 个发布；
--rollback 把 current 指回上一个发布。目标写成 user@host:/path 时通过 rsync 和 ssh
传送。--nginx-config 输出适用于这种布局的 nginx server 配置。`, `Deploy copies site/ (run gongkai build first) into <target>/releases/<time>
and then points the symlink <target>/current at it in one step; the web
server serves <target>/current. Files unchanged since the previous release
are hard-linked. The newest --keep releases stay; --rollback points current
back at the release before it. A target user@host:/path is reached with
rsync and ssh. --nginx-config prints an nginx server block for the layout.`),
}

func init() { deployCmd.run = runDeploy }

var (
	msgDeployUsage = msg.New("deploy.usage",
		"请指定部署目标：本机目录或 user@host:/path",
		"give the target: a folder or user@host:/path")
	msgDeployNoSite = msg.New("deploy.no_site",
		"没有 site/ 目录：请先运行 gongkai build",
		"no site/ folder: run gongkai build first")
	msgDeployDone = msg.New("deploy.done",
		"已部署到 %s：current → releases/%s（保留最近 %d 个版本，可用 gongkai deploy --rollback 回退）",
		"deployed to %s: current → releases/%s (the newest %d {release|releases} kept; gongkai deploy --rollback goes back)")
	msgDeployRolledBack = msg.New("deploy.rolled_back",
		"已回退 %s：current → releases/%s",
		"rolled back %s: current → releases/%s")
	msgDeployFailed = msg.New("deploy.failed",
		"部署失败：%v",
		"deploy failed: %v")
	msgDeployNoTool = msg.New("deploy.no_tool",
		"远程部署需要 %s，请先安装（Debian：apt-get install rsync openssh-client）",
		"deploying to a server needs %s: install it (Debian: apt-get install rsync openssh-client)")
)

func runDeploy(ctx context.Context, env *env, args []string) error {
	fs := newFlags(deployCmd, env)
	keep := fs.Int("keep", 5, "how many releases to keep")
	rollback := fs.Bool("rollback", false, "point current at the release before it")
	nginx := fs.Bool("nginx-config", false, "print an nginx server block and exit")
	pos, err := flagsAndArgs(fs, args)
	if err != nil {
		return err
	}
	if *nginx {
		conf := deploy.NginxConfig
		if len(pos) == 1 {
			// The server block for this target: its folder on the server.
			dir := pos[0]
			if _, path, remote := remoteTarget(dir); remote {
				dir = path
			} else if abs, err := filepath.Abs(filepath.Join(env.dir, dir)); err == nil && !filepath.IsAbs(dir) {
				dir = abs
			}
			conf = strings.ReplaceAll(conf, "/srv/gongkai", strings.TrimRight(filepath.ToSlash(dir), "/"))
		}
		fmt.Fprint(env.stdout, conf)
		return nil
	}
	if len(pos) != 1 {
		return usageError("%s", msgDeployUsage.T())
	}
	target := pos[0]
	site := filepath.Join(env.dir, "site")
	if fi, err := os.Stat(site); !*rollback && (err != nil || !fi.IsDir()) {
		return usageError("%s", msgDeployNoSite.T())
	}
	if host, path, remote := remoteTarget(target); remote {
		return deployRemote(ctx, env, site, host, path, *keep, *rollback)
	}
	if *rollback {
		name, err := deploy.Rollback(target)
		if err != nil {
			return failed(msgDeployFailed.T(), err)
		}
		fmt.Fprintln(env.stdout, msgDeployRolledBack.F(target, name))
		return nil
	}
	name, err := deploy.Local(site, target, *keep, time.Now())
	if err != nil {
		return failed(msgDeployFailed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgDeployDone.F(target, name, max(*keep, 1)))
	return nil
}

// remoteTarget splits user@host:/path; a local path (C:\…, ./a:b) is not one.
func remoteTarget(t string) (host, path string, ok bool) {
	host, path, ok = strings.Cut(t, ":")
	if !ok || !strings.HasPrefix(path, "/") || strings.ContainsAny(host, `/\`) || len(host) < 2 {
		return "", "", false
	}
	return host, path, true
}

// deployRemote does what deploy.Local and deploy.Rollback do, on a server:
// rsync into a new release (hard-linking unchanged files from current), then
// the same one-rename symlink switch and pruning, run by sh over ssh.
func deployRemote(ctx context.Context, env *env, site, host, path string, keep int, rollback bool) error {
	for _, tool := range []string{"ssh", "rsync"} {
		if _, err := exec.LookPath(tool); err != nil {
			return usageError(msgDeployNoTool.T(), tool)
		}
	}
	q := shellQuote(path)
	run := func(name string, args ...string) error {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Stdout, cmd.Stderr = env.stderr, env.stderr
		if err := cmd.Run(); err != nil {
			return failed(msgDeployFailed.T(), err)
		}
		return nil
	}
	switchTo := `ln -sfn "releases/$r" "$t/.current.new" && mv -T "$t/.current.new" "$t/current"`
	if rollback {
		script := `set -e; t=` + q + `; c=$(basename "$(readlink "$t/current")"); r=$(ls -1 "$t/releases" | grep -v '^\.' | sort | awk -v c="$c" '$0==c{print p; exit} {p=$0}'); [ -n "$r" ] || { echo "no earlier release" >&2; exit 1; }; ` + switchTo + `; echo "$r"`
		cmd := exec.CommandContext(ctx, "ssh", host, script)
		cmd.Stderr = env.stderr
		out, err := cmd.Output()
		if err != nil {
			return failed(msgDeployFailed.T(), err)
		}
		fmt.Fprintln(env.stdout, msgDeployRolledBack.F(host+":"+path, strings.TrimSpace(string(out))))
		return nil
	}
	name := time.Now().UTC().Format("20060102T150405Z")
	if err := run("ssh", host, "mkdir -p "+shellQuote(path+"/releases")); err != nil {
		return err
	}
	if err := run("rsync", "-rlt", "--delete", "--link-dest=../../current/", site+"/", host+":"+path+"/releases/."+name+".partial/"); err != nil {
		return err
	}
	keepN := strconv.Itoa(max(keep, 1))
	// A release of the same second gets -2, -3 …, as deploy.Local names it.
	script := `set -e; t=` + q + `; p=` + name + `; r=$p; i=2; while [ -e "$t/releases/$r" ]; do r="$p-$i"; i=$((i+1)); done; ` +
		`mv "$t/releases/.$p.partial" "$t/releases/$r"; ` + switchTo +
		`; ls -1 "$t/releases" | grep -v '^\.' | sort | head -n -` + keepN + ` | while read -r old; do [ "$old" = "$r" ] || rm -rf "$t/releases/$old"; done; echo "$r"`
	cmd := exec.CommandContext(ctx, "ssh", host, script)
	cmd.Stderr = env.stderr
	out, err := cmd.Output()
	if err != nil {
		return failed(msgDeployFailed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgDeployDone.F(host+":"+path, strings.TrimSpace(string(out)), max(keep, 1)))
	return nil
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

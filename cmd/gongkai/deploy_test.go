package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeployToAFolderAndRollBack(t *testing.T) {
	dir, target := t.TempDir(), t.TempDir()
	site := filepath.Join(dir, "site")
	os.MkdirAll(site, 0o755)
	os.WriteFile(filepath.Join(site, "index.html"), []byte("v1"), 0o644)
	stdout, stderr, code := gongkai(t, "-C", dir, "deploy", target, "--keep", "2")
	if code != 0 || !strings.Contains(stdout, "已部署到 "+target+"：current → releases/") || !strings.Contains(stdout, "保留最近 2 个版本") {
		t.Fatalf("code %d\n%s%s", code, stdout, stderr)
	}
	os.WriteFile(filepath.Join(site, "index.html"), []byte("v2"), 0o644)
	// A second deployment within the same second gets its own release.
	if _, stderr, code := gongkai(t, "-C", dir, "deploy", target); code != 0 {
		t.Fatal(stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "current", "index.html")); string(b) != "v2" {
		t.Fatalf("current serves %q", b)
	}
	stdout, _, code = gongkai(t, "-C", dir, "deploy", "--rollback", target)
	if b, _ := os.ReadFile(filepath.Join(target, "current", "index.html")); code != 0 || string(b) != "v1" || !strings.Contains(stdout, "已回退") {
		t.Fatalf("rollback: code %d, %s, current serves %q", code, stdout, b)
	}
}

func TestDeployWithoutASiteSaysToBuild(t *testing.T) {
	_, stderr, code := gongkai(t, "-C", t.TempDir(), "deploy", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "没有 site/ 目录：请先运行 gongkai build") {
		t.Fatalf("code %d, %s", code, stderr)
	}
}

func TestDeployPrintsTheNginxConfig(t *testing.T) {
	stdout, _, code := gongkai(t, "deploy", "--nginx-config")
	for _, want := range []string{"root /srv/gongkai/current;", "autoindex off;", "error_page 404 /404.html;", "gzip on;", "max-age="} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("nginx config lacks %q", want)
		}
	}
}

// Given the target, the server block serves that folder's current.
func TestDeployNginxConfigForATarget(t *testing.T) {
	for target, root := range map[string]string{"web@10.1.2.3:/var/www/zsj/": "/var/www/zsj", "/data/site": "/data/site"} {
		stdout, _, code := gongkai(t, "deploy", "--nginx-config", target)
		if code != 0 || !strings.Contains(stdout, "    root "+root+"/current;\n") || !strings.Contains(stdout, "`gongkai deploy "+root+"`") {
			t.Errorf("%s: code %d\n%s", target, code, stdout)
		}
	}
}

func TestRemoteTargets(t *testing.T) {
	for s, want := range map[string]bool{"web@10.1.2.3:/srv/gongkai": true, "host:/srv": true, "/srv/gongkai": false, `C:\srv`: false, "./a:/b": false} {
		if _, _, got := remoteTarget(s); got != want {
			t.Errorf("remoteTarget(%q) = %v, want %v", s, got, want)
		}
	}
}

// The remote target runs its switch, pruning and rollback as sh scripts over
// ssh. Here ssh runs the script on this machine and rsync copies locally, so
// the scripts are tested on a real folder without a server.
func TestDeployToAServerOverSSH(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	bin := t.TempDir()
	os.WriteFile(filepath.Join(bin, "ssh"), []byte("#!/bin/sh\n# ssh HOST SCRIPT: run the script here\nshift\nexec sh -c \"$1\"\n"), 0o755)
	// rsync -rlt --delete --link-dest=… SRC/ HOST:DEST/: copy SRC into DEST.
	os.WriteFile(filepath.Join(bin, "rsync"), []byte("#!/bin/sh\nfor a; do src=$dst; dst=$a; done\ndst=${dst#*:}\nmkdir -p \"$dst\" && cp -R \"$src\". \"$dst\"\n"), 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir, target := t.TempDir(), t.TempDir()
	site := filepath.Join(dir, "site")
	os.MkdirAll(site, 0o755)
	serves := func() string {
		b, _ := os.ReadFile(filepath.Join(target, "current", "index.html"))
		return string(b)
	}
	for _, v := range []string{"v1", "v2", "v3"} {
		os.WriteFile(filepath.Join(site, "index.html"), []byte(v), 0o644)
		stdout, stderr, code := gongkai(t, "-C", dir, "deploy", "--keep", "2", "web@10.1.2.3:"+target)
		if code != 0 || !strings.Contains(stdout, "已部署到 web@10.1.2.3:"+target+"：current → releases/") || serves() != v {
			t.Fatalf("%s: code %d, serves %q\n%s%s", v, code, serves(), stdout, stderr)
		}
	}
	releases, _ := os.ReadDir(filepath.Join(target, "releases"))
	if len(releases) != 2 {
		t.Fatalf("%d releases kept, want 2: %v", len(releases), releases)
	}
	if fi, err := os.Lstat(filepath.Join(target, "current")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("current is not a symlink: %v", err)
	}
	stdout, stderr, code := gongkai(t, "-C", dir, "deploy", "--rollback", "web@10.1.2.3:"+target)
	if code != 0 || serves() != "v2" || !strings.Contains(stdout, "已回退") {
		t.Fatalf("rollback: code %d, serves %q\n%s%s", code, serves(), stdout, stderr)
	}
	if _, stderr, code := gongkai(t, "-C", dir, "deploy", "--rollback", "web@10.1.2.3:"+target); code != 1 || serves() != "v2" {
		t.Fatalf("rollback past the oldest kept: code %d, serves %q\n%s", code, serves(), stderr)
	}
}

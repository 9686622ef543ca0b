package main

import (
	"os"
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

package cli

import (
	"archive/zip"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	info := func(v string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/eventdiff/eventdiff", Version: v}}
	}
	tests := []struct {
		stamp string
		bi    *debug.BuildInfo
		ok    bool
		want  string
	}{
		{"v1.4.0", info("v1.3.0"), true, "v1.4.0"}, // a release build's stamp wins
		{"", info("v1.3.0"), true, "v1.3.0"},       // go install …@v1.3.0
		{"", info("v0.0.0-20260101000000-abcdef123456"), true, "v0.0.0-20260101000000-abcdef123456"},
		{"", info("(devel)"), true, "dev"}, // go build in a clone without VCS stamping
		{"", info(""), true, "dev"},
		{"", nil, false, "dev"}, // no build information at all
	}
	for _, tt := range tests {
		if got := versionOf(tt.stamp, tt.bi, tt.ok); got != tt.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", tt.stamp, tt.bi, got, tt.want)
		}
	}
}

// `eventdiff version` and `eventdiff --version` say the same.
func TestVersionFlagAndCommandAgree(t *testing.T) {
	cmd, flag := run(t, "", nil, "version"), run(t, "", nil, "--version")
	if cmd.code != ExitOK || cmd != flag || !strings.HasPrefix(cmd.stdout, "eventdiff ") {
		t.Errorf("version: %+v, --version: %+v", cmd, flag)
	}
}

// TestGoInstallVersion installs the module the way the README says,
// `go install github.com/eventdiff/eventdiff@VERSION`, from a module proxy
// in a directory (this source as v1.2.3; the dependencies from the module
// cache's own download directory, so nothing is fetched from the network),
// into a module cache of its own, and checks that the binary reports v1.2.3.
func TestGoInstallVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(strings.TrimSpace(string(out)), "cache", "download")
	const mod, ver = "github.com/eventdiff/eventdiff", "v1.2.3"
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	vdir := filepath.Join(proxy, filepath.FromSlash(mod), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	write(t, vdir, map[string]string{"list": ver + "\n", ver + ".info": `{"Version":"` + ver + `","Time":"2026-01-01T00:00:00Z"}`, ver + ".mod": string(gomod)})
	moduleZip(t, "../..", mod+"@"+ver, filepath.Join(vdir, ver+".zip"))

	bin := filepath.Join(tmp, "bin")
	install := exec.Command(goTool, "install", mod+"@"+ver)
	install.Dir = tmp
	install.Env = append(os.Environ(), "GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(shared),
		"GOSUMDB=off", "GOFLAGS=-modcacherw", "GOMODCACHE="+filepath.Join(tmp, "modcache"), "GOBIN="+bin, "GOWORK=off")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	for _, arg := range []string{"version", "--version"} {
		got, err := exec.Command(filepath.Join(bin, "eventdiff"), arg).Output()
		if err != nil || string(got) != "eventdiff "+ver+"\n" {
			t.Errorf("eventdiff %s: %q, %v", arg, got, err)
		}
	}
}

// moduleZip writes the module zip a proxy serves: the module's Go files
// and go.mod/go.sum under prefix/, without tests, test data and nested
// modules (tools/ has a go.mod of its own).
func moduleZip(t *testing.T, root, prefix, dest string) {
	t.Helper()
	fh, err := os.Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zw := zip.NewWriter(fh)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			_, nested := os.Stat(filepath.Join(p, "go.mod"))
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || nested == nil) {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") || rel == "go.mod" || rel == "go.sum") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

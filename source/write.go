package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// WritablePath is where writing path lands, provided that it lies inside
// the directory tree root: every directory on the way is resolved, and
// the file itself when it is a symbolic link (a link to a file that does
// not exist yet included), and the result must be inside root's real
// path (ErrOutsideTree otherwise). It is a regular file or does not exist
// yet. The tree's content may come from a pull request, which can commit
// a link to anywhere under the name eventdiff is asked to write.
func WritablePath(root, path string) (string, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range 40 {
		dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
		if err != nil {
			return "", err
		}
		p := filepath.Join(dir, filepath.Base(abs))
		if !within(realRoot, p) {
			return "", ErrOutsideTree
		}
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil
		case err != nil:
			return "", err
		case st.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			abs = target
			continue
		case !st.Mode().IsRegular():
			return "", &NotRegularError{Mode: st.Mode()}
		}
		return p, nil
	}
	return "", errors.New("too many levels of symbolic links")
}

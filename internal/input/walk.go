package input

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Expand turns the scan's arguments into files: "-" stays as is, a file is
// kept, a directory is walked recursively in lexical order. Unreadable
// entries are returned in errs (each naming its path) and the walk goes on.
// In a directory, a symbolic link to a regular file is scanned, a dangling
// link is an error, and links to directories are not followed; other
// special files (named pipes, sockets, devices) are left out, since
// opening them could block.
func Expand(paths []string) (files []string, errs []error) {
	for _, p := range paths {
		if p == "-" {
			files = append(files, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() && path != p {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				found = append(found, path)
			} else if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				switch {
				case err != nil:
					errs = append(errs, err)
				case st.Mode().IsRegular():
					found = append(found, path)
				}
			}
			return nil
		})
		if werr != nil {
			errs = append(errs, werr)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

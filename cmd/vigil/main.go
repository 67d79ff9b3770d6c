// Command vigil is a thin shim: all behaviour lives in internal/cli so that it
// can be tested as a table of arguments and golden output.
package main

import (
	"os"

	"github.com/vigil-sec/vigil/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

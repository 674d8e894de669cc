package main

import (
	"fmt"
	"runtime"
)

var versionCmd = command{
	name:    "version",
	usage:   "version",
	summary: "print Vaultbar's version",
	run: func(e *env, args []string) error {
		if _, err := positional(args, 0, "version"); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "vaultbar %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	},
}

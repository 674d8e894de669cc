package main

import (
	"strings"

	"vaultbar/backend/model"
)

const searchUsage = "search <query>... [--json]"

var searchCmd = command{
	name:    "search",
	usage:   searchUsage,
	summary: "find records by name, notes or fields",
	help: `Lists the records whose name, notes or fields contain every word of the
query, ignoring case. Secret fields (passwords, PINs, card numbers) are never
searched.`,
	run: runSearch,
}

func runSearch(e *env, args []string) error {
	p, err := flags{bools: []string{"json"}}.parse(args)
	if err != nil {
		return err
	}
	if err := needArgs(p, 1, -1, searchUsage); err != nil {
		return err
	}
	return e.withVault(func(svc vault) error {
		return listRecords(e, svc, model.Filter{Query: strings.Join(p.pos, " ")}, p.has("json"))
	})
}

package main

import "vaultbar/backend/model"

// Page is one page of the records a filter selects, with the total and
// where record id is in the list (At, -1 when it isn't): the record list
// and Quick Access ask for what they show, never the whole vault, and a
// keystroke costs this one call (backend/model ListPage).
func (v *VaultAPI) Page(f model.Filter, offset, limit int, id string) (model.Page, error) {
	return orExplain(v.svc.ListPage(f, offset, limit, id))
}

// IndexOf is where a record is in the list a filter selects, or -1, so the
// window can scroll to a record it saved or opened by id.
func (v *VaultAPI) IndexOf(f model.Filter, id string) (int, error) {
	return orExplain(v.svc.IndexOf(f, id))
}

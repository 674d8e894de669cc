package fakevault

import (
	"slices"
	"strings"

	"vaultbar/backend/model"
)

func sortByID(ents []*model.Entity) {
	slices.SortFunc(ents, func(a, b *model.Entity) int { return strings.Compare(a.ID, b.ID) })
}

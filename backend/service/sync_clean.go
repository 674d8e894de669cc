package service

import (
	"context"

	"vaultbar/backend/syncer"
)

// CleanUp moves the files in the sync folder that no device of ours wrote
// (the ones the status counts as ignored) into a dated folder beside the
// sync folder. Nothing is deleted.
func (s *SyncService) CleanUp(ctx context.Context) (syncer.Cleaned, error) {
	e, err := s.ready()
	if err != nil {
		return syncer.Cleaned{}, err
	}
	return e.CleanUp(ctx)
}

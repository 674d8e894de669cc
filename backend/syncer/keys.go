package syncer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/syncfolder"
)

// newKeyFile makes the key file of epoch for a new random data key, wrapped
// by password. older are the keys of earlier epochs, sealed inside so that a
// device that learns this password can still read files a lagging device
// wrote under an old one.
func newKeyFile(password string, epoch uint64, dev string, kdf crypto.KDFParams, older map[uint64]*crypto.Key) ([]byte, *crypto.Key, error) {
	salt, err := crypto.NewSalt()
	if err != nil {
		return nil, nil, err
	}
	pk, err := crypto.DeriveKey([]byte(password), salt, kdf)
	if err != nil {
		return nil, nil, err
	}
	defer pk.Wipe()
	dk, err := crypto.NewKey()
	if err != nil {
		return nil, nil, err
	}
	kf := format.KeyFile{Epoch: epoch, Device: dev, KDF: kdf, Salt: salt}
	kf.WrappedKey = crypto.Wrap(pk, dk, format.KeyAD(kf))
	var list []format.EpochKey
	for ep, k := range older {
		list = append(list, format.EpochKey{Epoch: ep, Key: k.Bytes()})
	}
	kf.OlderKeys = dk.Seal(format.AppendEpochKeys(nil, list), format.OlderKeysAD(kf))
	return format.AppendKeyFile(nil, kf), dk, nil
}

// openKeyFile unwraps a key file's data key, and the older keys it carries,
// with password. A wrong password gives ErrWrongSyncPassword.
func openKeyFile(b []byte, password string) (format.KeyFile, map[uint64]*crypto.Key, error) {
	kf, err := format.ParseKeyFile(b)
	if err != nil {
		return kf, nil, keyFileError(err)
	}
	pk, err := crypto.DeriveKey([]byte(password), kf.Salt, kf.KDF)
	if err != nil {
		return kf, nil, fmt.Errorf("sync key file: %w", err)
	}
	defer pk.Wipe()
	dk, err := crypto.Unwrap(pk, kf.WrappedKey, format.KeyAD(kf))
	if errors.Is(err, crypto.ErrDecrypt) {
		return kf, nil, ErrWrongSyncPassword
	} else if err != nil {
		return kf, nil, err
	}
	keys := map[uint64]*crypto.Key{kf.Epoch: dk}
	plain, err := dk.Open(kf.OlderKeys, format.OlderKeysAD(kf))
	if err != nil {
		return kf, nil, fmt.Errorf("sync key file: older keys: %w", err)
	}
	defer crypto.Zero(plain)
	list, err := format.ParseEpochKeys(plain)
	if err != nil {
		return kf, nil, fmt.Errorf("sync key file: %w", err)
	}
	for _, ek := range list {
		if k, err := crypto.KeyFromBytes(ek.Key); err == nil && ek.Epoch < kf.Epoch {
			keys[ek.Epoch] = k
		}
	}
	return kf, keys, nil
}

func keyFileError(err error) error {
	if errors.Is(err, format.ErrNewerVersion) {
		return ErrNewerFormat
	}
	return fmt.Errorf("the sync key file is damaged: %w", err)
}

// latestKey is the key file that decides the current epoch: highest epoch,
// ties by device id, counting files not downloaded yet.
func latestKey(l *syncfolder.Listing) (format.KeyName, string, bool) {
	var best format.KeyName
	var path string
	found := false
	consider := func(name, p string, present bool) {
		n, ok := format.ParseKeyName(name)
		if ok && (!found || n.After(best)) {
			best, found = n, true
			path = ""
			if present {
				path = p
			}
		}
	}
	for _, f := range l.Keys {
		if !f.Copy {
			consider(f.Name, f.Path, true)
		}
	}
	for _, p := range l.KeysPending {
		consider(p.Name, p.Path, false)
	}
	return best, path, found
}

// readLatestKey returns the bytes of the latest key file, asking the sync
// service to download it and waiting (bounded by ctx) if it is not here yet.
func (e *Engine) readLatestKey(ctx context.Context) ([]byte, bool, error) {
	for {
		l, err := e.folder.Scan()
		if err != nil {
			return nil, false, err
		}
		name, path, ok := latestKey(l)
		if !ok {
			return nil, false, nil
		}
		if path != "" {
			b, err := e.folder.Read(path)
			return b, true, err
		}
		for _, p := range l.KeysPending {
			if p.Name == name.String() {
				e.folder.Download(p)
			}
		}
		select {
		case <-ctx.Done():
			return nil, true, fmt.Errorf("%w (%v)", ErrDownloading, ctx.Err())
		case <-time.After(e.cfg.PollInterval):
		}
	}
}

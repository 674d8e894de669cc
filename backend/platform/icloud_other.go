//go:build !darwin

package platform

// systemICloud off macOS: no container and no account to ask about, so
// the choice ends at ICloudDrive, which has no folder without the override.
var systemICloud ICloud = noICloud{}

type noICloud struct{}

func (noICloud) Container(string) (string, error) { return "", nil }
func (noICloud) Account() (Account, error)        { return Account{}, nil }
func (noICloud) Drive() (string, error)           { return ICloudDrive() }

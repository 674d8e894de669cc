//go:build !darwin || !cgo

package tray

type systemDock struct{}

func (systemDock) SetVisible(bool) {}

//go:build !darwin

package autostart

// Default is the XDG autostart entry in $XDG_CONFIG_HOME/autostart.
func Default() Autostart { return XDG{} }

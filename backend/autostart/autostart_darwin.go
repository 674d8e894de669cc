package autostart

// Default is a LaunchAgent in ~/Library/LaunchAgents labelled BundleID.
func Default() Autostart { return LaunchAgent{} }

//go:build darwin

package main

import "context"

// beforeRun puts the status item in the menu bar. AppKit wants it made on
// the main thread, which wails.Run keeps for its run loop once called; the
// item's menu fills in as soon as that loop runs. `wails build` runs the
// binary to generate bindings, and then no item should flash up.
func (b *menuBar) beforeRun() {
	if !generatingBindings {
		b.startItem()
	}
}

func (b *menuBar) startPlatform(context.Context) {}

//go:build !darwin && !linux

package main

import "context"

func (b *menuBar) beforeRun() {}

func (b *menuBar) startPlatform(context.Context) { b.startItem() }

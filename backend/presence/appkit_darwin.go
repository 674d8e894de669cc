package presence

import (
	"context"
	"fmt"

	"github.com/ebitengine/purego"
	"github.com/ebitengine/purego/objc"
)

// AppKit observes NSWorkspace's sleep notification and the screen-lock
// distributed notification with blocks, through purego (no cgo).
type AppKit struct{}

// Default watches this Mac.
func Default() Watcher { return AppKit{} }

// The notification names. NSWorkspaceWillSleepNotification's value is its
// own name; com.apple.screenIsLocked is what loginwindow posts.
const (
	willSleep    = "NSWorkspaceWillSleepNotification"
	screenLocked = "com.apple.screenIsLocked"
)

// Watch adds the two observers and removes them when ctx ends.
func (AppKit) Watch(ctx context.Context, away func(Reason)) error {
	if _, err := purego.Dlopen("/System/Library/Frameworks/AppKit.framework/AppKit", purego.RTLD_GLOBAL|purego.RTLD_NOW); err != nil {
		return fmt.Errorf("load AppKit: %w", err)
	}
	ws := send(class("NSWorkspace"), "sharedWorkspace")
	workspace := send(ws, "notificationCenter")
	distributed := send(class("NSDistributedNotificationCenter"), "defaultCenter")
	stop1 := observe(workspace, willSleep, func() { away(Sleep) })
	stop2 := observe(distributed, screenLocked, func() { away(ScreenLock) })
	go func() {
		<-ctx.Done()
		stop1()
		stop2()
	}()
	return nil
}

func class(name string) objc.ID { return objc.ID(objc.GetClass(name)) }

func send(id objc.ID, sel string, args ...any) objc.ID {
	return id.Send(objc.RegisterName(sel), args...)
}

func nsString(s string) objc.ID {
	return send(class("NSString"), "stringWithUTF8String:", s)
}

// observe adds a block observer of name on center (any object, posted on
// the posting thread) and returns what removes it.
func observe(center objc.ID, name string, fn func()) (remove func()) {
	block := objc.NewBlock(func(_ objc.Block, _ objc.ID) { fn() })
	token := send(center, "addObserverForName:object:queue:usingBlock:", nsString(name), objc.ID(0), objc.ID(0), block)
	send(token, "retain") // the center returns it autoreleased; removeObserver: needs it alive
	return func() {
		send(center, "removeObserver:", token)
		send(token, "release")
		block.Release()
	}
}

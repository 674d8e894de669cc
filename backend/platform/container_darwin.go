//go:build darwin

package platform

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/ebitengine/purego"
	"github.com/ebitengine/purego/objc"
)

// Foundation is called through purego, without cgo, so that this package
// (and the CLI) builds for macOS anywhere: GOOS=darwin CGO_ENABLED=0.
var foundation struct {
	once       sync.Once
	err        error
	mainThread func() int32 // pthread_main_np
}

func loadFoundation() error {
	foundation.once.Do(func() {
		const path = "/System/Library/Frameworks/Foundation.framework/Foundation"
		if _, err := purego.Dlopen(path, purego.RTLD_GLOBAL|purego.RTLD_NOW); err != nil {
			foundation.err = fmt.Errorf("loading Foundation: %w", err)
			return
		}
		lib, err := purego.Dlopen("/usr/lib/libSystem.B.dylib", purego.RTLD_GLOBAL|purego.RTLD_NOW)
		if err != nil {
			foundation.err = fmt.Errorf("loading libSystem: %w", err)
			return
		}
		purego.RegisterLibFunc(&foundation.mainThread, lib, "pthread_main_np")
	})
	return foundation.err
}

// ubiquityContainer asks NSFileManager for the container's folder:
// URLForUbiquityContainerIdentifier:, off the main thread.
func ubiquityContainer(id string) (string, error) {
	if err := loadFoundation(); err != nil {
		return "", err
	}
	var dir string
	offMainThread(func() { dir = askContainer(id) })
	return dir, nil
}

// offMainThread runs fn on a thread that is not the main one and waits.
// In the app the main goroutine holds the main thread (AppKit's run loop),
// so fn's goroutine never gets it; in the CLI it might, and then that
// goroutine keeps it locked while another one runs fn elsewhere.
func offMainThread(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // the autorelease pool and the calls share one thread
		defer runtime.UnlockOSThread()
		if foundation.mainThread() != 0 {
			offMainThread(fn)
			return
		}
		fn()
	}()
	<-done
}

// askContainer returns the container's path, or "" for a nil answer.
func askContainer(id string) string {
	pool := objc.ID(objc.GetClass("NSAutoreleasePool")).Send(objc.RegisterName("new"))
	defer pool.Send(objc.RegisterName("drain"))
	fm := objc.ID(objc.GetClass("NSFileManager")).Send(objc.RegisterName("defaultManager"))
	name := objc.ID(objc.GetClass("NSString")).Send(objc.RegisterName("stringWithUTF8String:"), id)
	url := fm.Send(objc.RegisterName("URLForUbiquityContainerIdentifier:"), name)
	if url == 0 {
		return ""
	}
	// purego copies the returned C string into Go memory before the pool drains.
	return objc.Send[string](url, objc.RegisterName("fileSystemRepresentation"))
}

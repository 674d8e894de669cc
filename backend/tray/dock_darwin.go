//go:build darwin && cgo

package tray

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework Cocoa
#import <Cocoa/Cocoa.h>

static void setDockVisible(int visible) {
	dispatch_async(dispatch_get_main_queue(), ^{
		[NSApp setActivationPolicy:(visible ? NSApplicationActivationPolicyRegular
		                                     : NSApplicationActivationPolicyAccessory)];
		if (visible) {
			[NSApp activateIgnoringOtherApps:YES];
		}
	});
}
*/
import "C"

type systemDock struct{}

func (systemDock) SetVisible(visible bool) {
	v := C.int(0)
	if visible {
		v = 1
	}
	C.setDockVisible(v)
}

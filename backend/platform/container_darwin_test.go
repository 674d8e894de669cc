package platform

import (
	"strings"
	"testing"
)

// These run only on a Mac (CI has none; `make lint` type-checks them).

func TestOffMainThread(t *testing.T) {
	if err := loadFoundation(); err != nil {
		t.Fatal(err)
	}
	var main int32 = -1
	offMainThread(func() { main = foundation.mainThread() })
	if main != 0 {
		t.Fatalf("fn ran with pthread_main_np() = %d", main)
	}
}

// A test binary has no iCloud entitlement, so the system answers nil; were
// it ever given one, the folder must be the container's.
func TestUbiquityContainerAnswers(t *testing.T) {
	dir, err := ubiquityContainer(ContainerID)
	if err != nil {
		t.Fatal(err)
	}
	if dir != "" && !strings.HasSuffix(dir, "iCloud~app~vaultbar") {
		t.Fatalf("container folder %q", dir)
	}
}

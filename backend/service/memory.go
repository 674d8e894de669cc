package service

import (
	"runtime/debug"
	"time"
)

// releaseDelay lets the window fetch its first page (which builds the
// search index) before the collector runs, so the list is not slowed by it
// and the index's garbage goes back to the system too.
const releaseDelay = 2 * time.Second

// releaseSoon gives the heap's free pages back to the system shortly after
// an unlock attempt or a lock. Key derivation leaves a 64 MiB work area and
// opening a vault the sealed file and its parse as garbage; Go's scavenger
// would return them only over minutes, so the app would stay at its unlock
// peak. After a lock, it also hands the decrypted vault's pages back.
func releaseSoon() { time.AfterFunc(releaseDelay, debug.FreeOSMemory) }

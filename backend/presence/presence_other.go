//go:build !linux && !darwin

package presence

import (
	"context"
	"errors"
)

type none struct{}

// Default watches nothing on this system.
func Default() Watcher { return none{} }

func (none) Watch(context.Context, func(Reason)) error {
	return errors.New("sleep and screen lock can't be watched on this system")
}

// Package merge combines two devices' versions of the same entities. It is a
// pure, deterministic function: merging in any order, any number of times,
// gives every device the same content (a state-based CRDT), and no value a
// user typed is dropped — a value that loses to a later one is kept in the
// entity's history.
//
// The rules, register by register: the later stamp wins (hybrid logical
// clock, the device id breaks ties); tombstones merge by keeping, per
// register, the latest stamp any deleter had seen, so a delete removes only
// what its device had seen.
package merge

package main

import (
	"errors"
	"io"
	"os"
	"syscall"

	"vaultbar/backend/service"
)

// Environment variables the CLI reads.
const (
	envPassword    = "VAULTBAR_PASSWORD"     // the login password, instead of a prompt
	envNewPassword = "VAULTBAR_NEW_PASSWORD" // the new one, for init's confirmation-free use and passwd
)

// env is what a command may touch: its output streams, the environment and
// the vault service.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	tty            func() (ttyPrompter, error) // opens the terminal to prompt on
	command        string                      // "vaultbar ls", for the app's question
}

func newEnv() *env {
	return &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, tty: openTTY}
}

// service returns the vault service for VAULTBAR_HOME or the default home.
func (e *env) service() (*service.VaultService, error) {
	home, err := dataHome()
	if err != nil {
		return nil, err
	}
	return service.New(home), nil
}

// dataHome is the data folder. A file in its place (or in its path) is
// named here: the vault, the settings and the app's socket would each fail
// on it with their own path, naming the wrong thing to fix.
func dataHome() (string, error) {
	home, err := service.DefaultHome()
	if err != nil {
		return "", err
	}
	info, err := os.Stat(home)
	if err == nil && !info.IsDir() || errors.Is(err, syscall.ENOTDIR) {
		return "", failure(exitGeneral, "the data folder %s is a file (or inside one), not a folder", home).
			withHint("set VAULTBAR_HOME to a folder, or move the file away, then try again")
	}
	return home, nil
}

// unlock returns the unlocked vault; the caller locks it when done.
func (e *env) unlock() (*service.VaultService, error) {
	svc, err := e.service()
	if err != nil {
		return nil, err
	}
	if !svc.Exists() {
		return nil, service.ErrNoVault
	}
	pw, err := e.password("Login password: ")
	if err != nil {
		return nil, err
	}
	defer wipe(pw)
	if err := svc.Unlock(pw); err != nil {
		return nil, recoverHint(err)
	}
	return svc, nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}

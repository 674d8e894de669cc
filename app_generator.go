package main

import "vaultbar/backend/passgen"

// GeneratorAPI is the password generator and strength meter (backend/passgen).
type GeneratorAPI struct{}

// Defaults are the generator's starting options.
func (*GeneratorAPI) Defaults() (passgen.Options, error) { return passgen.Defaults(), nil }

// Generate makes a password or passphrase.
func (*GeneratorAPI) Generate(o passgen.Options) (passgen.Generated, error) {
	g, err := passgen.Generate(o)
	if err != nil {
		return g, explained(err)
	}
	return g, nil
}

// Estimate rates a password the person typed.
func (*GeneratorAPI) Estimate(password string) (passgen.Strength, error) {
	return passgen.Estimate(password), nil
}

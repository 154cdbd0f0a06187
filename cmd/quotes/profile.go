package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profileFile is the open --cpuprofile file while the profile runs.
var profileFile *os.File

// startProfile starts the CPU profile --cpuprofile asks for, if any.
func (a *app) startProfile() error {
	if a.cpuProfile == "" || profileFile != nil {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile: %w", err)
	}
	profileFile = f
	return nil
}

// stopProfile ends the CPU profile, if one runs, and writes it out.
func (a *app) stopProfile() {
	if profileFile == nil {
		return
	}
	pprof.StopCPUProfile()
	if err := profileFile.Close(); err != nil {
		a.log.Error("cpu profile", "err", err)
	}
	profileFile = nil
}

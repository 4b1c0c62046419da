package main

import (
	"bytes"
	"testing"
)

// TestCompletionCmdOnlyWhereItShows: cobra's completion command is made
// for the runs that can show or call it (galley alone, help, completion)
// and not for a run of one of galley's own commands.
func TestCompletionCmdOnlyWhereItShows(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{}, true},
		{[]string{"--help"}, true},
		{[]string{"help"}, true},
		{[]string{"completion", "bash"}, true},
		{[]string{"version"}, false},
		{[]string{"themes"}, false},
	} {
		var out bytes.Buffer
		cmd := newRootCmdFor(&env{stdin: &bytes.Buffer{}, stdout: &out, stderr: &out}, tc.args)
		omitCompletionCmd(cmd, tc.args)
		cmd.SetArgs(tc.args)
		if err := cmd.Execute(); err != nil {
			t.Errorf("%q: %v", tc.args, err)
		}
		has := false
		for _, c := range cmd.Commands() {
			has = has || c.Name() == "completion"
		}
		if has != tc.want {
			t.Errorf("%q: completion command made %v, want %v", tc.args, has, tc.want)
		}
	}
}

// TestRootCmdForArgs: a run of one of galley's commands makes that
// command only; any other run (help, an unknown command, a flag first)
// makes them all; and each command is made under the name it has.
func TestRootCmdForArgs(t *testing.T) {
	e := &env{stdin: &bytes.Buffer{}, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	for _, c := range subcommands {
		if got := c.make(e).Name(); got != c.name {
			t.Errorf("command %q is made as %q", c.name, got)
		}
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, 1},
		{[]string{"export", "a.txt"}, 1},
		{[]string{"help", "export"}, len(subcommands)},
		{[]string{"exprot"}, len(subcommands)},
		{[]string{"--cpuprofile", "x", "version"}, len(subcommands)},
		{nil, len(subcommands)},
	} {
		if got := len(newRootCmdFor(e, tc.args).Commands()); got != tc.want {
			t.Errorf("%q: %d commands, want %d", tc.args, got, tc.want)
		}
	}
}

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
		cmd := newRootCmd(&env{stdin: &bytes.Buffer{}, stdout: &out, stderr: &out})
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

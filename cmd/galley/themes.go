package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/galleyprint/galley"
)

// maxArgs wraps cobra's check as a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func newThemesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "themes [NAME|FILE]",
		Short: "List the built-in themes, or print one as JSON",
		Long: "themes shows the page looks galley prints with (--theme).\n\n" +
			"Reads: nothing, or NAME, a built-in theme, or FILE, a JSON or YAML theme file\n" +
			"(docs/themes.md describes the format).\n\n" +
			"Writes: to standard output, the built-in themes with what each is for; given a\n" +
			"NAME or FILE, that theme whole as JSON: save it, change what you want, and print\n" +
			"with --theme FILE.",
		Example: "  galley themes\n" +
			"  galley themes modern > my-theme.json           # then: galley export story.html --theme my-theme.json\n" +
			"  galley themes my-theme.yaml                    # check a theme file: it prints in full",
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				for i, th := range galley.Themes() {
					def := ""
					if i == 0 { // the default comes first
						def = " (default)"
					}
					fmt.Fprintf(w, "%s%s\t%s\n", th.Name, def, th.Description)
				}
				return w.Flush()
			}
			th, err := galley.LoadTheme(args[0])
			if err != nil {
				return usageError{err}
			}
			b, err := th.JSON()
			if err != nil {
				return err
			}
			_, err = e.stdout.Write(b)
			return err
		},
	}
}

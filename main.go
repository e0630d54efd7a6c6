// Command mfactl validates, simulates and deploys Auth0 MFA customized with post-login Actions.
package main

import (
	"os"

	"github.com/mfactl/mfactl/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

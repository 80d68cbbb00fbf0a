"""The `dorpslijn` command (CONTRACT section 4): each subcommand imports only what it needs."""

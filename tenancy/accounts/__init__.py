"""Staff and portal accounts: login, the second factor with its backup codes, passwords and their reset."""

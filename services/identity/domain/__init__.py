"""Identity rules as plain functions: password policy, token claims, lock-out, client address, profile tidying."""

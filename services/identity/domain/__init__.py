"""Identity rules as plain functions: password policy and token claims."""

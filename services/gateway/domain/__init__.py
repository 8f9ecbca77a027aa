"""The gateway's rules as plain data and functions: the route table, forwarding headers, the merged API document."""

"""The programs app's pages: parse, authorize, call a query or a service, render."""

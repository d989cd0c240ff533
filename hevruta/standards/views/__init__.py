"""Pages of roles and frameworks: parse the request, check permission, call a query or a service, render."""

"""1EdTech CASE 1.1: import and export of CFPackages, and the read endpoints of a CASE server."""

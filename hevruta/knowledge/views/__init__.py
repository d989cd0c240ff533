"""The knowledge app's pages; each module is a group of pages a person would name."""

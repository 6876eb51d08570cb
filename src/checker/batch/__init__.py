"""Checking many files: discovery of contract files, the result cache and the process pool."""

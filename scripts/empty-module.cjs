// Stands in for the server-only package when lib/ code runs in scripts (see register-hooks.mjs).

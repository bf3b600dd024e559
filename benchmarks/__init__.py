"""Benchmarks (issue #5). They import the product; the product never imports them."""

"""HTTP service and command line of beslutsgraf."""

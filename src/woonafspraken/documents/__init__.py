"""Documents out of the data, and figures in and out through Excel."""

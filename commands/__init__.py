"""The `casework` command line: a thin shell over the domain, the web app and the worker."""

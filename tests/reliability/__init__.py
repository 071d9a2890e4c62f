"""Fault and hostile-input scenarios against real servers and workers (`make reliability`)."""

"""The store implementations behind ``job.store`` (import from there)."""

"""htctl: turn social-media handles into text generators, one Kubernetes Job per bot."""

__version__ = "0.1.0"

"""Running bots on Kubernetes: one module per concern.

names (Job names and label values), manifests (the Job dicts), client (API access, errors,
rate limiting), launch (create Jobs), status (what the Jobs are doing), argo (Workflows).
"""

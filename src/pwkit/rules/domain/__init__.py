"""PW5xx: domain and legal consistency (norms, platforms, governance, risks, training, timing)."""

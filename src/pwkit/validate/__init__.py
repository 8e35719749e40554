"""Validating what was loaded against the schemas, with every problem a finding in Italian."""

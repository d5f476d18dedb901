"""Readiness: the Convention's obligations in our own words, their mappings to other commitments,
confidential self-assessments by States considering joining, and the readiness report."""

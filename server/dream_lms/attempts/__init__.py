"""Attempts: one code path (the attempt service) for online work and offline sync pushes, plus re-scoring jobs."""

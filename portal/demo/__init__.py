"""Deterministic demo content: vocabulary and the seed_demo() generator."""

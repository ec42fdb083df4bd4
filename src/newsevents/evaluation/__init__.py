"""Scoring against gold files and public benchmarks."""

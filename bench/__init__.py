"""Speed and memory benchmark: synthetic corpora through the real load, split, index, cache and answer path."""

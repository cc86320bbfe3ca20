"""The pure core: corpus loading, furniture filtering, sentences, the BM25 index and the answer builder."""

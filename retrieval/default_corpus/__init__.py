"""The five bundled news articles Quotebot answers about out of the box."""

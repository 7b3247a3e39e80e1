"""The extractors, one module per table, each a pure function ``(article, vocab) -> rows``."""

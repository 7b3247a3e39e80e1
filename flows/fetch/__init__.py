"""Fetching articles from news sources: the sources file, a polite HTTP client, the raw store,
article extraction and the ``fetch_articles`` Prefect flow (see docs/fetching.md)."""

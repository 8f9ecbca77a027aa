"""The matcher service: embeddings, recall and explained match scores."""
